import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { CLIENT_ADDRESS_HEADER, CORRELATION_HEADER } from '../platform/graphql/subgraph-server';
import type { GatewayContext } from './gateway-context';
import { subgraphFetcher } from './subgraph-fetcher';

/** Forwards the caller's own token (subgraphs verify it again), the correlation id and the client's address. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(config: Partial<RemoteGraphQLDataSource<GatewayContext>>) {
    super({ fetcher: subgraphFetcher, ...config });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    if (context.token) request.http?.headers.set('authorization', `Bearer ${context.token}`);
    if (context.correlationId) request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
    if (context.clientAddress) request.http?.headers.set(CLIENT_ADDRESS_HEADER, context.clientAddress);
  }
}
