import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { performance } from 'node:perf_hooks';
import { requestOutcome, type RequestOutcome } from '../graphql/request-outcome';
import { BoundedLabel } from './bounded-label';
import { gatewayErrors, gatewayRequestDuration, gatewayRequests, subgraphErrors, subgraphRequestDuration, subgraphRequests } from './metrics';

/** Names clients choose: the first 200 get series of their own. */
const operationNames = new BoundedLabel(200);
/** Codes come from a closed list (platform/errors.ts and Apollo's), bounded all the same. */
const errorCodes = new BoundedLabel(100);

/** The gateway's requests over HTTP: count, latency and errors per operation. */
export function gatewayRequestMetrics(): ApolloServerPlugin<BaseContext> {
  return requestMetrics((outcome, seconds) => {
    const operation = operationNames.value(operationLabel(outcome));
    const operationType = outcome.operationType ?? 'unknown';
    gatewayRequests.inc({ operation, operation_type: operationType, status: String(outcome.status) });
    gatewayRequestDuration.observe({ operation, operation_type: operationType }, seconds);
    for (const code of outcome.errorCodes) gatewayErrors.inc({ code: errorCodes.value(code) });
  });
}

/**
 * One subgraph server's requests. Per subgraph, not per operation: the gateway's per-operation
 * figures say which client operation was slow, these say where its time went.
 */
export function subgraphRequestMetrics(subgraph: string): ApolloServerPlugin<BaseContext> {
  return requestMetrics((outcome, seconds) => {
    const operationType = outcome.operationType ?? 'unknown';
    subgraphRequests.inc({ subgraph, operation_type: operationType, status: String(outcome.status) });
    subgraphRequestDuration.observe({ subgraph, operation_type: operationType }, seconds);
    for (const code of outcome.errorCodes) subgraphErrors.inc({ subgraph, code: errorCodes.value(code) });
  });
}

function requestMetrics(record: (outcome: RequestOutcome, seconds: number) => void): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          record(requestOutcome(requestContext), (performance.now() - started) / 1000);
        },
      };
    },
  };
}

/** `__unknown`: never resolved to an operation (unparsable, invalid); `__anonymous`: one without a name. */
function operationLabel(outcome: RequestOutcome): string {
  if (outcome.operationType === null) return '__unknown';
  return outcome.operationName ?? '__anonymous';
}
