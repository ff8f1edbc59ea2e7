import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { withGatewaySignature, type GatewayRequestKey } from '../platform/auth/gateway-request-signature';
import { ErrorCode, platformError } from '../platform/errors';
import { measuredFetch } from '../platform/metrics/measured-fetch';
import { injectTraceContext } from '../platform/tracing/trace-context';
import { CHANGE_APPROVAL_HEADER, CLIENT_ADDRESS_HEADER, CORRELATION_HEADER, SIGNED_REQUEST_HEADERS } from '../platform/graphql/subgraph-server';
import type { GatewayContext } from './gateway-context';
import { sharingInFlightQueries } from './in-flight-queries';
import { subgraphFetcher } from './subgraph-fetcher';
import { acrossReplicas, replicaUrls } from './subgraph-replicas';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph; what a client is told when it does not answer. */
  readonly name: string;
  /** One URL, or the replicas' URLs separated by commas (`acrossReplicas`). */
  readonly url: string;
  /** Subgraphs serve only requests signed with it (platform/graphql/gateway-only.ts). */
  readonly requestKey: GatewayRequestKey;
}

/**
 * Forwards the caller's own token (subgraphs verify it again), the correlation id, the client's
 * address and a presented change approval, and signs each request as this platform's gateway.
 * Identical queries in flight at once share one subgraph call (`sharingInFlightQueries`).
 * What goes wrong on the way is told without the subgraph's address (see `didEncounterError`).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly name: string;

  constructor({ name, url, requestKey }: SubgraphDataSourceOptions) {
    const replicas = replicaUrls(url);
    super({ url: replicas[0], fetcher: sharingInFlightQueries(signedBy(requestKey, measuredFetch(name, acrossReplicas(replicas, subgraphFetcher)))) });
    this.name = name;
  }

  /**
   * A subgraph's refusal sent with an HTTP error status (a GraphQL validation or variable error is
   * a 400, the gateway-only check a 401) is passed on as the subgraph worded it; Apollo's own
   * error would be "400: Bad Request" carrying the subgraph's internal URL in `extensions.response`.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    const refusal = firstGraphQLError(body);
    if (refusal) return new GraphQLError(refusal.message, { extensions: refusal.extensions ?? {} });
    return subgraphUnavailable(this.name);
  }

  /** Anything else (no connection, a timeout, an answer that is not GraphQL) means the subgraph is not serving. */
  override didEncounterError(error: Error): never {
    throw error instanceof GraphQLError ? error : subgraphUnavailable(this.name);
  }

  override willSendRequest(options: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    const { request, context } = options;
    if (context.token) request.http?.headers.set('authorization', `Bearer ${context.token}`);
    if (context.correlationId) request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
    if (context.clientAddress) request.http?.headers.set(CLIENT_ADDRESS_HEADER, context.clientAddress);
    const changeApproval = 'incomingRequestContext' in options ? options.incomingRequestContext.request.http?.headers.get(CHANGE_APPROVAL_HEADER) : undefined;
    if (changeApproval) request.http?.headers.set(CHANGE_APPROVAL_HEADER, changeApproval);
    // Not signed (SIGNED_REQUEST_HEADERS): a trace id is no credential, and the subgraph reads nothing else from it.
    if (request.http) injectTraceContext(request.http.headers);
  }
}

/** Signs at the last moment, over the exact bytes sent (the data source serialises the body after `willSendRequest`). */
function signedBy(requestKey: GatewayRequestKey, fetcher: Fetcher): Fetcher {
  return (url, init = {}) =>
    fetcher(url, { ...init, headers: withGatewaySignature(requestKey, { method: init.method ?? 'GET', url, headers: init.headers ?? {}, body: init.body }, SIGNED_REQUEST_HEADERS) });
}

function subgraphUnavailable(name: string): GraphQLError {
  return platformError(ErrorCode.SubgraphUnavailable, `The ${name} service is not answering, so this part of the operation was not run; retry in a moment, and tell your administrator if it persists.`, { subgraph: name });
}

function firstGraphQLError(body: unknown): { message: string; extensions?: Record<string, unknown> } | undefined {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { errors?: unknown }).errors)) return undefined;
  const [first] = (body as { errors: unknown[] }).errors;
  if (typeof first !== 'object' || first === null || typeof (first as { message?: unknown }).message !== 'string') return undefined;
  return first as { message: string; extensions?: Record<string, unknown> };
}
