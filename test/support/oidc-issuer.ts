import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';

/**
 * A real OpenID Connect issuer on 127.0.0.1 (random port) for tests: it serves the discovery
 * document and the JWKS, and signs id tokens with its published RS256 key.
 *
 *   const issuer = await startOidcIssuer();
 *   const settings = { issuer: issuer.url, clientId: 'goliath', clockSkewSeconds: 0 };
 *   const token = await issuer.issueIdToken({ sub: 'alice', groups: ['analysts'] });
 *   ...
 *   await issuer.stop();
 *
 * Tokens default to `iss` = the issuer URL, `aud` = 'goliath', `iat` = now, `exp` = now + 5 min.
 */
export interface TestOidcIssuer {
  /** The issuer identifier (no trailing slash), also the base of its discovery URL. */
  readonly url: string;
  readonly jwksUri: string;
  /** How many times discovery and the JWKS were fetched (to prove caching). */
  readonly requests: { discovery: number; jwks: number };
  issueIdToken(claims?: JWTPayload, options?: IssueIdTokenOptions): Promise<string>;
  /** Publishes a fresh key in the JWKS and signs with it from now on (the old key is dropped). */
  rotateKey(): Promise<void>;
  stop(): Promise<void>;
}

export interface IssueIdTokenOptions {
  /** Defaults to 'goliath'. */
  readonly audience?: string | string[];
  /** Defaults to the issuer's URL. */
  readonly issuer?: string;
  /** Lifetime from `issuedAt`, in seconds; negative gives an already expired token. Defaults to 300. */
  readonly expiresInSeconds?: number;
  /** Defaults to now. */
  readonly issuedAt?: Date;
  /** Sets `nbf` this many seconds after `issuedAt`. */
  readonly notBeforeInSeconds?: number;
  /** Sign with a key the JWKS does not publish (a forgery). */
  readonly signWithUnpublishedKey?: boolean;
  /** Overrides the `kid` header. */
  readonly kid?: string;
  /**
   * 'RS256' (default) signs properly; 'none' gives an unsigned token; 'HS256' is the HS/RS confusion
   * forgery: an HMAC keyed with the issuer's published RSA public key (PEM).
   */
  readonly algorithm?: 'RS256' | 'none' | 'HS256';
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
  readonly publicJwk: JWK;
}

let keyCounter = 0;
async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `test-key-${++keyCounter}`;
  return { kid, privateKey, publicKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export async function startOidcIssuer(): Promise<TestOidcIssuer> {
  let signingKey = await newSigningKey();
  const unpublishedKey = await newSigningKey();
  const requests = { discovery: 0, jwks: 0 };
  let url = '';

  const server: Server = createServer((request, response) => {
    const send = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/.well-known/openid-configuration') {
      requests.discovery += 1;
      send({
        issuer: url,
        jwks_uri: `${url}/jwks`,
        authorization_endpoint: `${url}/authorize`,
        token_endpoint: `${url}/token`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    } else if (request.url === '/jwks') {
      requests.jwks += 1;
      send({ keys: [signingKey.publicJwk] });
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    jwksUri: `${url}/jwks`,
    requests,
    async issueIdToken(claims = {}, options = {}) {
      const key = options.signWithUnpublishedKey ? unpublishedKey : signingKey;
      const issuedAt = Math.floor((options.issuedAt ?? new Date()).getTime() / 1000);
      const registered: JWTPayload = {
        iss: options.issuer ?? url,
        aud: options.audience ?? 'goliath',
        iat: issuedAt,
        exp: issuedAt + (options.expiresInSeconds ?? 300),
        ...(options.notBeforeInSeconds === undefined ? {} : { nbf: issuedAt + options.notBeforeInSeconds }),
      };
      const payload = { ...registered, ...claims };
      const kid = options.kid ?? key.kid;
      switch (options.algorithm ?? 'RS256') {
        case 'none':
          return new UnsecuredJWT(payload).encode();
        case 'HS256': {
          const secret = new TextEncoder().encode(await exportSPKI(key.publicKey));
          return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid }).sign(secret);
        }
        case 'RS256':
          return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key.privateKey);
      }
    },
    async rotateKey() {
      signingKey = await newSigningKey();
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
