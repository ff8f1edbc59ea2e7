import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { isSharableQuery } from './in-flight-queries';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** How long a replica that refused a connection is passed over before it is tried again. */
const REST_AFTER_REFUSAL_MS = 1_000;

/** The replicas a `SUBGRAPH_<NAME>_URL` lists, comma-separated (one URL is one replica). */
export function replicaUrls(configured: string): string[] {
  const urls = configured
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  if (urls.length === 0) throw new Error(`No subgraph URL in "${configured}"`);
  return urls;
}

/**
 * Spreads a subgraph's requests over its replicas in turn and, when one is down, sends the request
 * to the next. A request is resent only when it cannot have been run: the connection was refused
 * (nothing listens there), or it is a query (reading twice changes nothing). A mutation cut off
 * mid-flight is reported, never repeated. The URL `RemoteGraphQLDataSource` was built with is the
 * first replica's; each request goes to the replica's host with the same path.
 */
export function acrossReplicas(urls: readonly string[], fetcher: Fetcher): Fetcher {
  if (urls.length === 1) return fetcher;
  const restingUntil = new Map<string, number>();
  let next = 0;
  return async (url, init = {}) => {
    const path = new URL(url);
    const start = next++ % urls.length;
    const order = urls.map((_, index) => urls[(start + index) % urls.length]);
    const awake = order.filter((replica) => (restingUntil.get(replica) ?? 0) <= Date.now());
    const candidates = awake.length > 0 ? awake : order;
    let lastError: unknown;
    for (const replica of candidates) {
      const target = new URL(replica);
      target.search = path.search;
      try {
        return await fetcher(target.toString(), init);
      } catch (error) {
        lastError = error;
        const refused = (error as { code?: string }).code === 'ECONNREFUSED';
        if (refused) restingUntil.set(replica, Date.now() + REST_AFTER_REFUSAL_MS);
        if (!refused && !isSharableQuery(init.body)) throw error;
      }
    }
    throw lastError;
  };
}
