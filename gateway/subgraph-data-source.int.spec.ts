import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { GraphQLError } from 'graphql';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGatewayRequestKey } from '../platform/auth/gateway-request-signature';
import type { GatewayContext } from './gateway-context';
import { SubgraphDataSource } from './subgraph-data-source';

/** What a client learns when a subgraph cannot be reached or refuses: a code and a remedy, never the subgraph's address. */
describe('SubgraphDataSource errors', () => {
  let keysDir: string;
  let standIn: Server;
  let standInUrl: string;
  let answer: { status: number; contentType: string; body: string };

  const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`)));

  beforeAll(async () => {
    keysDir = mkdtempSync(join(tmpdir(), 'goliath-data-source-'));
    standIn = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body));
    });
    standInUrl = await listen(standIn);
  });

  afterAll(async () => {
    await new Promise((resolve) => standIn.close(resolve));
    rmSync(keysDir, { recursive: true, force: true });
  });

  const send = async (url: string): Promise<GraphQLError> => {
    const source = new SubgraphDataSource({ name: 'optimization', url, requestKey: openGatewayRequestKey(keysDir) });
    try {
      await source.process({ kind: GraphQLDataSourceRequestKind.HEALTH_CHECK, request: { query: '{ __typename }' }, context: {} as GatewayContext });
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      return error as GraphQLError;
    }
    throw new Error('the request did not fail');
  };
  const expectNoAddress = (error: GraphQLError) => {
    expect(error.extensions.response).toBeUndefined();
    expect(JSON.stringify({ message: error.message, extensions: error.extensions })).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\//);
  };

  it('answers SUBGRAPH_UNAVAILABLE, naming the subgraph only, when nothing listens at its address', async () => {
    const closed = createServer();
    const url = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const error = await send(url);
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'optimization' });
    expect(error.message).toMatch(/optimization service is not answering.*retry/);
    expectNoAddress(error);
  });

  it('answers SUBGRAPH_UNAVAILABLE for an HTTP error that is no GraphQL answer (a proxy\'s 502, say)', async () => {
    answer = { status: 502, contentType: 'text/html', body: '<html>Bad Gateway at 127.0.0.1:4001</html>' };
    const error = await send(standInUrl);
    expect(error.extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    expectNoAddress(error);
  });

  it.each([
    [401, { message: 'The request was not signed by a gateway of the platform.', extensions: { code: 'UNAUTHENTICATED', reason: 'GATEWAY_SIGNATURE_INVALID' } }],
    [400, { message: 'Variable "$asOf" got invalid value "x".', extensions: { code: 'BAD_USER_INPUT' } }],
  ])('passes on a subgraph\'s own refusal sent with HTTP %i as the subgraph worded it, without its URL', async (status, refusal) => {
    answer = { status, contentType: 'application/json', body: JSON.stringify({ errors: [refusal] }) };
    const error = await send(standInUrl);
    expect(error.message).toBe(refusal.message);
    expect(error.extensions).toEqual(refusal.extensions);
    expectNoAddress(error);
  });
});
