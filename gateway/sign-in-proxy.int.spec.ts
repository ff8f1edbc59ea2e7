import express from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bodyDigest, GATEWAY_SIGNATURE_HEADER, gatewaySignatureRefusal, openGatewayRequestKey, type GatewayRequestKey } from '../platform/auth/gateway-request-signature';
import { CLIENT_ADDRESS_HEADER, SIGNED_REQUEST_HEADERS } from '../platform/graphql/subgraph-server';
import { rawRequest, signInRouteAttacks } from '../test/support/sign-in-route-attacks';
import { signInProxy } from './sign-in-proxy';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

const TENANT = 'acme-1';

/** The sign-in proxy in front of a stand-in enterprise subgraph that records every request it gets. */
describe('the sign-in proxy', () => {
  let keysDir: string;
  let key: GatewayRequestKey;
  let upstream: Server;
  let gateway: Server;
  let upstreamOrigin: string;
  let gatewayOrigin: string;
  const received: Received[] = [];

  const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

  beforeAll(async () => {
    keysDir = mkdtempSync(join(tmpdir(), 'goliath-proxy-'));
    key = openGatewayRequestKey(keysDir);
    upstream = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': 'upstream=1', 'x-internal': 'yes' }).end('from the subgraph');
      });
    });
    upstreamOrigin = await listen(upstream);
    const app = express();
    const proxy = signInProxy(`${upstreamOrigin}/graphql`, key);
    app.use('/auth/saml', proxy);
    app.use('/oauth/token', proxy);
    gateway = createServer(app);
    gatewayOrigin = await listen(gateway);
  });

  afterAll(async () => {
    await new Promise((resolve) => gateway.close(resolve));
    await new Promise((resolve) => upstream.close(resolve));
    rmSync(keysDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    received.length = 0;
  });

  /** What the subgraph will check: the gateway's signature over exactly what it received. */
  const signatureRefusal = (request: Received) =>
    gatewaySignatureRefusal(
      key,
      { method: request.method, path: request.url, bodyDigest: bodyDigest(request.body), headers: Object.fromEntries(SIGNED_REQUEST_HEADERS.map((name) => [name, request.headers[name] as string | undefined])) },
      request.headers[GATEWAY_SIGNATURE_HEADER] as string | undefined,
    );

  it('refuses every request that is not exactly a route of the SAML flow with 404, and sends none of them on', async () => {
    const attacks = signInRouteAttacks(TENANT, upstreamOrigin);
    const answers = [];
    for (const attack of attacks) answers.push({ name: attack.name, status: (await rawRequest(gatewayOrigin, attack)).status });
    expect(answers).toEqual(attacks.map((attack) => ({ name: attack.name, status: 404 })));
    expect(received).toEqual([]);
  });

  it('passes each route on to the same route of the subgraph, rebuilt from the checked parts and signed', async () => {
    const login = await rawRequest(gatewayOrigin, { method: 'GET', path: `/auth/saml/${TENANT}/login?relayState=/playground?tab=1&provider=okta_2`, headers: { cookie: 'session=secret', authorization: 'Bearer x', 'x-forwarded-for': '1.2.3.4' } });
    const metadata = await rawRequest(gatewayOrigin, { method: 'GET', path: `/auth/saml/${TENANT}/metadata` });
    const acs = await rawRequest(gatewayOrigin, { method: 'POST', path: `/auth/saml/${TENANT}/acs?provider=okta_2`, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, body: 'SAMLResponse=PHNhbWw%2B&RelayState=%2F' });
    for (const answer of [login, metadata, acs]) {
      expect(answer).toMatchObject({ status: 200, body: 'from the subgraph' });
      // only the headers a browser needs come back
      expect(answer.headers['set-cookie']).toBeUndefined();
      expect(answer.headers['x-internal']).toBeUndefined();
    }
    expect(received.map(({ method, url }) => ({ method, url }))).toEqual([
      { method: 'GET', url: `/auth/saml/${TENANT}/login?relayState=%2Fplayground%3Ftab%3D1&provider=okta_2` },
      { method: 'GET', url: `/auth/saml/${TENANT}/metadata` },
      { method: 'POST', url: `/auth/saml/${TENANT}/acs?provider=okta_2` },
    ]);
    expect(received[2].body.toString()).toBe('SAMLResponse=PHNhbWw%2B&RelayState=%2F');
    for (const request of received) {
      expect(signatureRefusal(request)).toBeUndefined();
      expect(request.headers[CLIENT_ADDRESS_HEADER]).toBe('127.0.0.1');
      // nothing of the browser's credentials or forwarding claims is passed on
      for (const header of ['cookie', 'authorization', 'x-forwarded-for']) expect(request.headers[header]).toBeUndefined();
    }
  });

  it('sends on an ACS post only as a form of at most 1 MB', async () => {
    const path = `/auth/saml/${TENANT}/acs`;
    expect((await rawRequest(gatewayOrigin, { method: 'POST', path, headers: { 'content-type': 'application/json' }, body: '{"SAMLResponse":"x"}' })).status).toBe(415);
    expect((await rawRequest(gatewayOrigin, { method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `SAMLResponse=${'x'.repeat(1024 * 1024)}` })).status).toBe(413);
    expect(received).toEqual([]);
  });

  it('passes the OAuth token endpoint on with its Basic client credentials, signed, and nothing but a small form posted to exactly /oauth/token', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const answer = await rawRequest(gatewayOrigin, { method: 'POST', path: '/oauth/token', headers: { ...form, authorization: 'Basic Y2xpZW50OnNlY3JldA==', cookie: 'session=secret' }, body: 'grant_type=client_credentials' });
    expect(answer).toMatchObject({ status: 200, body: 'from the subgraph' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/oauth/token' });
    expect(received[0].headers.authorization).toBe('Basic Y2xpZW50OnNlY3JldA==');
    expect(received[0].headers.cookie).toBeUndefined();
    expect(signatureRefusal(received[0])).toBeUndefined();

    received.length = 0;
    const refused = [
      { method: 'GET', path: '/oauth/token' },
      { method: 'POST', path: '/oauth/token?client_secret=leaked', headers: form, body: 'grant_type=client_credentials' },
      { method: 'POST', path: '/oauth/token/', headers: form, body: 'grant_type=client_credentials' },
      { method: 'POST', path: '/oauth/token/../../graphql', headers: form, body: 'grant_type=client_credentials' },
    ];
    for (const attack of refused) expect((await rawRequest(gatewayOrigin, attack)).status).toBe(404);
    expect((await rawRequest(gatewayOrigin, { method: 'POST', path: '/oauth/token', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(415);
    expect((await rawRequest(gatewayOrigin, { method: 'POST', path: '/oauth/token', headers: form, body: `scope=${'x'.repeat(17 * 1024)}` })).status).toBe(413);
    expect(received).toEqual([]);
  });

  it('answers 502 with a plain message when the subgraph does not answer', async () => {
    const app = express();
    app.use('/auth/saml', signInProxy('http://127.0.0.1:9/graphql', key));
    const unreachable = createServer(app);
    const origin = await listen(unreachable);
    try {
      expect(await rawRequest(origin, { method: 'GET', path: `/auth/saml/${TENANT}/metadata` })).toMatchObject({ status: 502, body: 'The sign-in service is not reachable; try again shortly.' });
    } finally {
      await new Promise((resolve) => unreachable.close(resolve));
    }
  });
});
