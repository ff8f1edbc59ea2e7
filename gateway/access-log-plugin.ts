import type { ApolloServerPlugin } from '@apollo/server';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../platform/logging';
import { CORRELATION_HEADER } from '../platform/graphql/subgraph-server';
import { requestOutcome } from '../platform/graphql/request-outcome';
import type { GatewayContext } from './gateway-context';

/**
 * One access-log line per GraphQL request over HTTP (pino, `msg: "graphql request"`): the
 * operation, the verified caller and tenant, the HTTP status, the duration and the codes of any
 * errors, with the correlation id the caller sent (or the gateway made), which also goes back in
 * the `x-correlation-id` response header so a caller can quote it when asking about a request.
 * Nothing of the variables or the token is logged.
 */
export function accessLogPlugin(logger: Pick<Logger, 'info'>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          requestContext.response.http.headers.set(CORRELATION_HEADER, contextValue.correlationId);
          const { operationName, operationType, status, errorCodes } = requestOutcome(requestContext);
          logger.info(
            {
              correlationId: contextValue.correlationId,
              operation: operationName,
              operationType,
              caller: contextValue.auth?.subject ?? null,
              tenant: contextValue.auth?.tenantId ?? null,
              status,
              durationMs: Math.round((performance.now() - started) * 100) / 100,
              ...(errorCodes.length > 0 && { errorCodes }),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
