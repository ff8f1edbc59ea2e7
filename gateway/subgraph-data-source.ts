import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { CORRELATION_HEADER } from '../platform/graphql/subgraph-server';
import type { GatewayContext } from './gateway-context';
import { subgraphFetcher } from './subgraph-fetcher';

/** Forwards the caller's own token (subgraphs verify it again) and the correlation id. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(config: Partial<RemoteGraphQLDataSource<GatewayContext>>) {
    super({ fetcher: subgraphFetcher, ...config });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    if (context.token) request.http?.headers.set('authorization', `Bearer ${context.token}`);
    if (context.correlationId) request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
  }
}
