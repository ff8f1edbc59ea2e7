import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type OperationDefinitionNode } from 'graphql';
import { unauthenticated } from '../platform/errors';
import { PUBLIC_ROOT_FIELDS } from '../schema/public-operations';
import type { GatewayContext } from './gateway-context';

/**
 * Refuses, before any subgraph is called, every operation that selects more than the
 * introspection fields and the public sign-in fields when the caller has no valid token.
 * Subgraphs check again (zero trust).
 */
export function authenticationPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (contextValue.auth || (operation && needsNoToken(operation))) return;
          const error = contextValue.authError ?? unauthenticated();
          throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 401 } } });
        },
      };
    },
  };
}

function needsNoToken(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === 'Field' && (selection.name.value.startsWith('__') || PUBLIC_ROOT_FIELDS.has(selection.name.value)),
  );
}
