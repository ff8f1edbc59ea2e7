import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { requestOutcome } from '../graphql/request-outcome';
import { SpanAttribute } from './span-attributes';

/** What the plugin reads from a request's context: the gateway's and the subgraphs' both have it. */
export interface TracedContext extends BaseContext {
  readonly correlationId: string;
  readonly auth?: { readonly tenantId?: string };
}

/**
 * Describes the GraphQL operation on the request's server span (`serverSpans`): named after the
 * operation (`mutation createTenant`), with its type and name, the correlation id and tenant, and
 * the error codes it answered with.
 */
export function graphqlSpanPlugin<Context extends TracedContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const span = trace.getActiveSpan();
      if (!span?.isRecording()) return;
      span.setAttribute(SpanAttribute.CorrelationId, contextValue.correlationId);
      if (contextValue.auth?.tenantId) span.setAttribute(SpanAttribute.TenantId, contextValue.auth.tenantId);
      return {
        async willSendResponse(requestContext) {
          const { operationName, operationType, errorCodes } = requestOutcome(requestContext);
          if (operationType) {
            span.updateName(operationName ? `${operationType} ${operationName}` : operationType);
            span.setAttribute(SpanAttribute.GraphQLOperationType, operationType);
          }
          if (operationName) span.setAttribute(SpanAttribute.GraphQLOperationName, operationName);
          if (errorCodes.length > 0) {
            span.setAttribute(SpanAttribute.ErrorCodes, [...errorCodes]);
            span.setStatus({ code: SpanStatusCode.ERROR, message: errorCodes.join(', ') });
          }
        },
      };
    },
  };
}
