import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, platformError } from '../platform/errors';
import type { GatewayContext } from './gateway-context';

/**
 * Refuses a request whose `operationName` names no operation of its document (or that leaves the
 * operation to pick among several) with HTTP 400. Apollo Server answers this itself only when it
 * executes a schema; over a gateway the query planner throws it and the client got a 500.
 */
export function operationResolutionPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `The document has no operation named "${request.operationName}": send the name of one of its operations as operationName.`
            : 'The document has several operations: send the one to run as operationName.';
          throw platformError(ErrorCode.OperationResolutionFailure, message, { http: { status: 400 } });
        },
      };
    },
  };
}
