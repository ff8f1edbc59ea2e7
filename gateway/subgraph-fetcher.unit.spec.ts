import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphFetcher } from './subgraph-fetcher';

/** The gateway's default fetcher (make-fetch-happen), which subgraphFetcher replaces. */
const defaultFetcher = new RemoteGraphQLDataSource({ url: 'http://unused' }).fetcher;

interface Received {
  readonly method?: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly remotePort?: number;
}

describe('subgraphFetcher', () => {
  let server: Server;
  let url: string;
  const received: Received[] = [];
  let answer: { status: number; headers: Record<string, string>; body: string };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ method: request.method, headers: request.headers, body: Buffer.concat(chunks).toString(), remotePort: request.socket.remotePort });
        response.writeHead(answer.status, answer.headers).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  beforeEach(() => {
    received.length = 0;
    answer = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"data":{"tenant":{"id":"t-1"}}}' };
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const init = { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer abc', 'x-correlation-id': 'c-1' }, body: '{"query":"{ tenant { id } }"}' };

  it('posts the body with its headers and a Content-Length, and answers like the default fetcher', async () => {
    // given a subgraph answering JSON, when both fetchers post the same request
    const ours = await subgraphFetcher(url, init);
    const theirs = await defaultFetcher(url, init);

    // then the subgraph saw the same request from each, sent in one piece
    expect(received).toHaveLength(2);
    for (const request of received) {
      expect(request).toMatchObject({ method: 'POST', body: init.body });
      expect(request.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer abc', 'x-correlation-id': 'c-1', 'content-length': String(init.body.length) });
      expect(request.headers['transfer-encoding']).toBeUndefined();
    }
    // and the data source sees the same answer
    for (const response of [ours, theirs]) {
      expect({ status: response.status, ok: response.ok, statusText: response.statusText, url: response.url, redirected: response.redirected }).toEqual({
        status: 200,
        ok: true,
        statusText: 'OK',
        url,
        redirected: false,
      });
      expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    }
    expect(await ours.json()).toEqual(await theirs.json());
  });

  it('keeps the connection alive between requests', async () => {
    // given one request answered, when the next ones follow it, then they reuse its socket
    await (await subgraphFetcher(url, init)).text();
    await (await subgraphFetcher(url, init)).text();
    await (await subgraphFetcher(url, init)).text();
    expect(new Set(received.map((request) => request.remotePort)).size).toBe(1);
  });

  it('hands over a refusal as the default fetcher does (status, text, URL)', async () => {
    // given a subgraph that refuses with 401 and a text body
    answer = { status: 401, headers: { 'content-type': 'text/plain' }, body: 'no token' };
    for (const fetcher of [subgraphFetcher, defaultFetcher]) {
      // when it is called, then status, status text, URL and body come through
      const response = await fetcher(url, init);
      expect({ status: response.status, ok: response.ok, statusText: response.statusText, url: response.url }).toEqual({ status: 401, ok: false, statusText: 'Unauthorized', url });
      expect(await response.text()).toBe('no token');
    }
  });

  it('reads a body once, and a clone once more', async () => {
    const response = await subgraphFetcher(url, init);
    const copy = response.clone();
    expect(await response.text()).toBe(answer.body);
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(Buffer.from(await copy.arrayBuffer()).toString()).toBe(answer.body);
  });

  it('fails to connect with the message and code of the default fetcher', async () => {
    // given a port nobody listens on
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise((resolve) => closed.close(resolve));

    // when both fetchers call it, then they fail alike
    const failure = (fetcher: typeof subgraphFetcher) =>
      fetcher(deadUrl, init).then(
        () => undefined,
        (error: Error & { code?: string; type?: string }) => ({ name: error.name, message: error.message, code: error.code, type: error.type }),
      );
    const ours = await failure(subgraphFetcher);
    expect(ours).toEqual(await failure(defaultFetcher));
    expect(ours).toMatchObject({ name: 'FetchError', code: 'ECONNREFUSED', message: expect.stringContaining(`request to ${deadUrl} failed, reason: connect ECONNREFUSED`) });
  });
});
