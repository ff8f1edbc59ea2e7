import { createGraphiQLFetcher, type Fetcher, type FetcherOpts } from '@graphiql/toolkit';
import { createClient, type Client } from 'graphql-ws';
import { PLAYGROUND_HEADER } from '../playground-header';

export interface PlaygroundEndpoints {
  httpUrl: string;
  subscriptionUrl: string;
}

type Headers = Record<string, unknown>;

/** Same headers in any key order give the same key, so reordering JSON does not reconnect. */
export function headersKey(headers: Headers): string {
  return JSON.stringify(Object.keys(headers).sort().map((name) => [name, headers[name]]));
}

/**
 * A GraphiQL fetcher that sends the Headers tab on HTTP *and* on the WebSocket, with the
 * Playground's own marker (PLAYGROUND_HEADER) on both.
 *
 * GraphiQL hands the headers to the fetcher per request, but a graphql-ws client carries its
 * credentials once, in `connectionParams` at connect time. So one client is kept per set of
 * headers: it is reused while the headers stay the same and replaced (the old socket closed)
 * when they change, so no connection stays open under credentials the user has replaced.
 */
export function createHeaderAwareFetcher(endpoints: PlaygroundEndpoints): Fetcher {
  let current: { key: string; client: Client; fetcher: Fetcher } | undefined;

  const fetcherFor = (headers: Headers): Fetcher => {
    const key = headersKey(headers);
    if (current?.key !== key) {
      current?.client.dispose();
      const client = createClient({ url: endpoints.subscriptionUrl, connectionParams: { ...headers, [PLAYGROUND_HEADER]: '1' }, lazy: true });
      current = { key, client, fetcher: createGraphiQLFetcher({ url: endpoints.httpUrl, wsClient: client, headers: { [PLAYGROUND_HEADER]: '1' } }) };
    }
    return current.fetcher;
  };

  return (params, opts?: FetcherOpts) => fetcherFor(opts?.headers ?? {})(params, opts);
}
