import { createHash, createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFileOnce } from '../files/create-file-once';

/** The header a gateway puts on every request it sends a subgraph: `t=<epoch ms>,v1=<HMAC-SHA256, base64url>`. */
export const GATEWAY_SIGNATURE_HEADER = 'goliath-gateway-signature';
/**
 * How far a signature's time may be from the subgraph's clock. A captured request can be replayed
 * only this long, and only as it was (its token, body and path are signed); processes of one
 * deployment share a clock (NTP) far closer than this.
 */
export const GATEWAY_SIGNATURE_MAX_AGE_MS = 30_000;
/** Beside the token-signing keys in KEYS_DIR, which every process of the platform shares. */
const KEY_FILE = 'gateway-request.key';
const SCHEME = 'goliath-gateway-request-v1';

/** The shared secret gateways sign subgraph requests with; opaque outside this module. */
export type GatewayRequestKey = KeyObject;

/** What a signature covers: everything a subgraph acts on. Header values absent from the request are ''. */
export interface SignedRequest {
  readonly method: string;
  /** Path and query as sent on the request line, e.g. `/graphql` or `/auth/saml/t1/login?provider=p`. */
  readonly path: string;
  /** SHA-256 of the body bytes (`bodyDigest`); the empty body's for a request without one. */
  readonly bodyDigest: string;
  /**
   * The headers that change what a subgraph does for the caller (the token, the client's address,
   * a change approval, the correlation id), by lower-case name; signer and verifier name the same ones.
   */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface GatewaySignatureRefusal {
  readonly reason: 'GATEWAY_SIGNATURE_MISSING' | 'GATEWAY_SIGNATURE_MALFORMED' | 'GATEWAY_SIGNATURE_EXPIRED' | 'GATEWAY_SIGNATURE_INVALID';
  readonly message: string;
}

export const MISSING_GATEWAY_SIGNATURE: GatewaySignatureRefusal = {
  reason: 'GATEWAY_SIGNATURE_MISSING',
  message: 'This subgraph answers only requests a Goliath gateway signed; send the operation to the gateway.',
};

/**
 * The platform's gateway-request key, created on first use race-free (like the signing keys), so a
 * gateway and subgraphs started together over one KEYS_DIR all end up with the same key.
 */
export function openGatewayRequestKey(keysDir: string): GatewayRequestKey {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const file = join(keysDir, KEY_FILE);
  try {
    return createSecretKey(readFileSync(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  createFileOnce(file, randomBytes(32));
  return createSecretKey(readFileSync(file));
}

export function bodyDigest(body: string | Buffer | undefined): string {
  return createHash('sha256').update(body ?? '').digest('hex');
}

/** The signature header's value for `request`, signed now. */
export function signGatewayRequest(key: GatewayRequestKey, request: SignedRequest, now = Date.now()): string {
  return `t=${now},v1=${mac(key, request, now).toString('base64url')}`;
}

export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** `request`'s headers with the signature added, as a gateway sends them; `signedHeaders` names the headers it covers. */
export function withGatewaySignature(key: GatewayRequestKey, request: OutgoingRequest, signedHeaders: readonly string[], now = Date.now()): Record<string, string> {
  const byName = new Map(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const target = new URL(request.url);
  const signature = signGatewayRequest(
    key,
    {
      method: request.method,
      path: target.pathname + target.search,
      bodyDigest: bodyDigest(request.body),
      headers: Object.fromEntries(signedHeaders.map((name) => [name, byName.get(name)])),
    },
    now,
  );
  return { ...request.headers, [GATEWAY_SIGNATURE_HEADER]: signature };
}

/**
 * What can be told of a signature without the request: that it is there, well formed and of now.
 * A subgraph asks this before it reads a body, so that nothing unsigned or stale is parsed.
 */
export function gatewaySignatureFormRefusal(header: string | undefined, now = Date.now()): GatewaySignatureRefusal | undefined {
  const parsed = parseSignature(header, now);
  return 'reason' in parsed ? parsed : undefined;
}

/** Why `header` does not prove that a gateway of this platform sent `request` now; undefined when it does. */
export function gatewaySignatureRefusal(key: GatewayRequestKey, request: SignedRequest, header: string | undefined, now = Date.now()): GatewaySignatureRefusal | undefined {
  const parsed = parseSignature(header, now);
  if ('reason' in parsed) return parsed;
  if (!timingSafeEqual(parsed.mac, mac(key, request, parsed.signedAt))) {
    return {
      reason: 'GATEWAY_SIGNATURE_INVALID',
      message: 'The gateway signature does not match this request: it was altered on the way, or the gateway does not share this subgraph\'s KEYS_DIR.',
    };
  }
  return undefined;
}

function parseSignature(header: string | undefined, now: number): GatewaySignatureRefusal | { readonly signedAt: number; readonly mac: Buffer } {
  if (!header) return MISSING_GATEWAY_SIGNATURE;
  const parts = /^t=(\d{1,15}),v1=([A-Za-z0-9_-]{43})$/.exec(header);
  if (!parts) return { reason: 'GATEWAY_SIGNATURE_MALFORMED', message: `The ${GATEWAY_SIGNATURE_HEADER} header is not a gateway signature; send the operation to the gateway.` };
  const signedAt = Number(parts[1]);
  if (Math.abs(now - signedAt) > GATEWAY_SIGNATURE_MAX_AGE_MS) {
    return {
      reason: 'GATEWAY_SIGNATURE_EXPIRED',
      message: `The gateway signature is ${Math.round((now - signedAt) / 1000)} s from this subgraph's clock (at most ${GATEWAY_SIGNATURE_MAX_AGE_MS / 1000} s): a replayed request, or the gateway's and this subgraph's clocks disagree.`,
    };
  }
  return { signedAt, mac: Buffer.from(parts[2], 'base64url') };
}

/** HMAC-SHA256 over one line per signed part; header values cannot hold a newline, so the encoding is unambiguous. */
function mac(key: GatewayRequestKey, request: SignedRequest, signedAt: number): Buffer {
  const headers = Object.keys(request.headers)
    .sort()
    .map((name) => `${name.toLowerCase()}:${request.headers[name] ?? ''}`);
  const canonical = [SCHEME, request.method.toUpperCase(), request.path, String(signedAt), request.bodyDigest, ...headers].join('\n');
  return createHmac('sha256', key).update(canonical).digest();
}
