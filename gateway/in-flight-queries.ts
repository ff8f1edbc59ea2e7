import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { CORRELATION_HEADER } from '../platform/graphql/subgraph-server';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** Headers that differ per request without changing the answer: the first caller's go with a shared call. */
const PER_REQUEST_HEADERS = new Set([CORRELATION_HEADER, 'traceparent', 'tracestate']);

/**
 * The body `RemoteGraphQLDataSource` sends for a query: `{"query":"query…` or `{"query":"{…`
 * (the planner prints a subgraph query with the keyword or in its shorthand). Mutations and
 * anything else are never shared.
 */
const QUERY_BODY = /^\{"query":"(?:query\b|\{)/;

/**
 * Sends one subgraph request for identical queries in flight at the same time (same URL, same
 * body, same forwarded headers: the caller's token among them), and gives each caller its own
 * copy of the one answer. Under load many clients ask the same thing at once; the subgraph then
 * does the work once, as Hive Gateway's HTTP executor does. Only the correlation id and the trace
 * context may differ: a shared call carries the first caller's to the subgraph's logs and traces
 * (queries are not audited).
 * Nothing is cached beyond the request's life.
 */
export function sharingInFlightQueries(fetcher: Fetcher): Fetcher {
  const inFlight = new Map<string, Promise<FetcherResponse>>();
  return (url, init = {}) => {
    if (!isSharableQuery(init.body)) return fetcher(url, init);
    const key = requestKey(url, init.headers, init.body);
    let shared = inFlight.get(key);
    if (!shared) {
      shared = fetcher(url, init).finally(() => inFlight.delete(key));
      inFlight.set(key, shared);
    }
    return shared.then((response) => response.clone());
  };
}

/** Whether a subgraph request's body is a query (which can be shared, or sent again, without changing anything). */
export function isSharableQuery(body: unknown): body is string {
  return typeof body === 'string' && QUERY_BODY.test(body);
}

function requestKey(url: string, headers: unknown, body: string): string {
  const forwarded = Object.entries((headers ?? {}) as Record<string, string>)
    .filter(([name]) => !PER_REQUEST_HEADERS.has(name.toLowerCase()))
    .map(([name, value]) => `${name.toLowerCase()}:${value}`)
    .sort();
  return `${url}\n${forwarded.join('\n')}\n${body}`;
}
