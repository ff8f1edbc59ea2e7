import type { ApolloServerPlugin } from '@apollo/server';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../platform/logging';
import { CORRELATION_HEADER } from '../platform/graphql/subgraph-server';
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
        async willSendResponse({ response, operationName, operation, errors }) {
          response.http.headers.set(CORRELATION_HEADER, contextValue.correlationId);
          // Errors of the request itself (parsing, validation, refusals), or those the execution answered with.
          const answered = errors ?? (response.body.kind === 'single' ? response.body.singleResult.errors : undefined) ?? [];
          const codes = [...new Set(answered.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
          logger.info(
            {
              correlationId: contextValue.correlationId,
              operation: operationName ?? null,
              operationType: operation?.operation ?? null,
              caller: contextValue.auth?.subject ?? null,
              tenant: contextValue.auth?.tenantId ?? null,
              status: response.http.status ?? 200,
              durationMs: Math.round((performance.now() - started) * 100) / 100,
              ...(codes.length > 0 && { errorCodes: codes }),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
