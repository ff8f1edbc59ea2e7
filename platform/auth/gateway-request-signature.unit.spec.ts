import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bodyDigest,
  GATEWAY_SIGNATURE_HEADER,
  GATEWAY_SIGNATURE_MAX_AGE_MS,
  gatewaySignatureFormRefusal,
  gatewaySignatureRefusal,
  openGatewayRequestKey,
  signGatewayRequest,
  withGatewaySignature,
  type SignedRequest,
} from './gateway-request-signature';

const SIGNED_HEADERS = ['authorization', 'x-correlation-id', 'x-goliath-client-address', 'goliath-change-approval'];
const NOW = Date.parse('2026-03-01T12:00:00Z');
const body = JSON.stringify({ query: '{ tenants { edges { node { id } } } }' });
const request: SignedRequest = {
  method: 'POST',
  path: '/graphql',
  bodyDigest: bodyDigest(body),
  headers: { authorization: 'Bearer token-of-ada', 'x-correlation-id': 'c1', 'x-goliath-client-address': '203.0.113.9', 'goliath-change-approval': undefined },
};

describe('gateway request signatures', () => {
  let keysDir: string;
  beforeEach(() => {
    keysDir = mkdtempSync(join(tmpdir(), 'goliath-gateway-key-'));
  });
  afterEach(() => rmSync(keysDir, { recursive: true, force: true }));

  it('accepts the request it signed, within the allowed clock difference either way', () => {
    const key = openGatewayRequestKey(keysDir);
    const header = signGatewayRequest(key, request, NOW);
    expect(header).toMatch(/^t=\d+,v1=[A-Za-z0-9_-]{43}$/);
    for (const offset of [0, GATEWAY_SIGNATURE_MAX_AGE_MS, -GATEWAY_SIGNATURE_MAX_AGE_MS]) expect(gatewaySignatureRefusal(key, request, header, NOW + offset)).toBeUndefined();
  });

  it('refuses the signature for any change to what it covers', () => {
    const key = openGatewayRequestKey(keysDir);
    const header = signGatewayRequest(key, request, NOW);
    const altered: SignedRequest[] = [
      { ...request, method: 'GET' },
      { ...request, path: '/graphql?query={__typename}' },
      { ...request, path: '/auth/saml/t1/acs' },
      { ...request, bodyDigest: bodyDigest(body.replace('tenants', 'users')) },
      { ...request, headers: { ...request.headers, authorization: 'Bearer token-of-mallory' } },
      { ...request, headers: { ...request.headers, authorization: undefined } },
      { ...request, headers: { ...request.headers, 'x-goliath-client-address': '198.51.100.1' } },
      { ...request, headers: { ...request.headers, 'goliath-change-approval': 'approval-1' } },
      { ...request, headers: { ...request.headers, 'x-correlation-id': 'c2' } },
    ];
    for (const other of altered) expect(gatewaySignatureRefusal(key, other, header, NOW)?.reason).toBe('GATEWAY_SIGNATURE_INVALID');
    // the time is signed too: a signature moved to another time does not verify
    expect(gatewaySignatureRefusal(key, request, header.replace(`t=${NOW}`, `t=${NOW + 1}`), NOW)?.reason).toBe('GATEWAY_SIGNATURE_INVALID');
  });

  it('refuses a missing, malformed, stale or future signature, each with its reason and a message saying what to do', () => {
    const key = openGatewayRequestKey(keysDir);
    const header = signGatewayRequest(key, request, NOW);
    expect(gatewaySignatureRefusal(key, request, undefined, NOW)).toEqual({ reason: 'GATEWAY_SIGNATURE_MISSING', message: expect.stringContaining('send the operation to the gateway') });
    for (const malformed of ['', 'v1=abc', `t=${NOW}`, `t=${NOW},v1=short`, `t=${NOW},v1=${'A'.repeat(43)},v2=x`, `${header} `]) {
      expect(gatewaySignatureRefusal(key, request, malformed, NOW)?.reason).toBe(malformed ? 'GATEWAY_SIGNATURE_MALFORMED' : 'GATEWAY_SIGNATURE_MISSING');
    }
    expect(gatewaySignatureRefusal(key, request, header, NOW + GATEWAY_SIGNATURE_MAX_AGE_MS + 1)).toEqual({ reason: 'GATEWAY_SIGNATURE_EXPIRED', message: expect.stringContaining('clocks') });
    expect(gatewaySignatureRefusal(key, request, header, NOW - GATEWAY_SIGNATURE_MAX_AGE_MS - 1)?.reason).toBe('GATEWAY_SIGNATURE_EXPIRED');
  });

  it('tells a missing, malformed or stale signature without the request, before a body is read', () => {
    const header = signGatewayRequest(openGatewayRequestKey(keysDir), request, NOW);
    expect(gatewaySignatureFormRefusal(header, NOW)).toBeUndefined();
    expect(gatewaySignatureFormRefusal(undefined, NOW)?.reason).toBe('GATEWAY_SIGNATURE_MISSING');
    expect(gatewaySignatureFormRefusal('t=1,v1=x', NOW)?.reason).toBe('GATEWAY_SIGNATURE_MALFORMED');
    expect(gatewaySignatureFormRefusal(header, NOW + GATEWAY_SIGNATURE_MAX_AGE_MS + 1)?.reason).toBe('GATEWAY_SIGNATURE_EXPIRED');
    // a signature of the right form and time may still be wrong: only the full check says
    expect(gatewaySignatureFormRefusal(`t=${NOW},v1=${'A'.repeat(43)}`, NOW)).toBeUndefined();
  });

  it('refuses a signature made with another key (a gateway that does not share KEYS_DIR, or a guess)', () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'goliath-gateway-key-'));
    try {
      const header = signGatewayRequest(openGatewayRequestKey(otherDir), request, NOW);
      expect(gatewaySignatureRefusal(openGatewayRequestKey(keysDir), request, header, NOW)).toEqual({ reason: 'GATEWAY_SIGNATURE_INVALID', message: expect.stringContaining('KEYS_DIR') });
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('gives every process opening the same KEYS_DIR the same key, made once', () => {
    const header = signGatewayRequest(openGatewayRequestKey(keysDir), request, NOW);
    expect(gatewaySignatureRefusal(openGatewayRequestKey(keysDir), request, header, NOW)).toBeUndefined();
    expect(readdirSync(keysDir)).toEqual(['gateway-request.key']);
  });

  it('signs an outgoing request as the subgraph will read it: path and query of the URL, header names in any case', () => {
    const key = openGatewayRequestKey(keysDir);
    const headers = withGatewaySignature(
      key,
      { method: 'POST', url: 'http://127.0.0.1:4003/auth/saml/t1/login?provider=p1', headers: { Authorization: 'Bearer token-of-ada', 'content-type': 'application/json' }, body },
      SIGNED_HEADERS,
      NOW,
    );
    expect(headers).toMatchObject({ Authorization: 'Bearer token-of-ada', 'content-type': 'application/json' });
    const received: SignedRequest = {
      method: 'POST',
      path: '/auth/saml/t1/login?provider=p1',
      bodyDigest: bodyDigest(Buffer.from(body)),
      headers: { authorization: 'Bearer token-of-ada', 'x-correlation-id': undefined, 'x-goliath-client-address': undefined, 'goliath-change-approval': undefined },
    };
    expect(gatewaySignatureRefusal(key, received, headers[GATEWAY_SIGNATURE_HEADER], NOW)).toBeUndefined();
  });
});
