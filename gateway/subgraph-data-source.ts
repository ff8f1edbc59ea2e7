import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { withGatewaySignature, type GatewayRequestKey } from '../platform/auth/gateway-request-signature';
import { CHANGE_APPROVAL_HEADER, CLIENT_ADDRESS_HEADER, CORRELATION_HEADER, SIGNED_REQUEST_HEADERS } from '../platform/graphql/subgraph-server';
import type { GatewayContext } from './gateway-context';
import { subgraphFetcher } from './subgraph-fetcher';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface SubgraphDataSourceOptions {
  readonly url: string;
  /** Subgraphs serve only requests signed with it (platform/graphql/gateway-only.ts). */
  readonly requestKey: GatewayRequestKey;
}

/**
 * Forwards the caller's own token (subgraphs verify it again), the correlation id, the client's
 * address and a presented change approval, and signs each request as this platform's gateway.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor({ url, requestKey }: SubgraphDataSourceOptions) {
    super({ url, fetcher: signedBy(requestKey, subgraphFetcher) });
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

/** Signs at the last moment, over the exact bytes sent (the data source serialises the body after `willSendRequest`). */
function signedBy(requestKey: GatewayRequestKey, fetcher: Fetcher): Fetcher {
  return (url, init = {}) =>
    fetcher(url, { ...init, headers: withGatewaySignature(requestKey, { method: init.method ?? 'GET', url, headers: init.headers ?? {}, body: init.body }, SIGNED_REQUEST_HEADERS) });
}
