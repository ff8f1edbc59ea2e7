import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { CHANGE_APPROVAL_HEADER, CLIENT_ADDRESS_HEADER, CORRELATION_HEADER } from '../platform/graphql/subgraph-server';
import type { GatewayContext } from './gateway-context';
import { subgraphFetcher } from './subgraph-fetcher';

/** Forwards the caller's own token (subgraphs verify it again), the correlation id, the client's address and a presented change approval. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(config: Partial<RemoteGraphQLDataSource<GatewayContext>>) {
    super({ fetcher: subgraphFetcher, ...config });
  }

  override willSendRequest(options: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    const { request, context } = options;
    if (context.token) request.http?.headers.set('authorization', `Bearer ${context.token}`);
    if (context.correlationId) request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
    if (context.clientAddress) request.http?.headers.set(CLIENT_ADDRESS_HEADER, context.clientAddress);
    const changeApproval = 'incomingRequestContext' in options ? options.incomingRequestContext.request.http?.headers.get(CHANGE_APPROVAL_HEADER) : undefined;
    if (changeApproval) request.http?.headers.set(CHANGE_APPROVAL_HEADER, changeApproval);
  }
}
