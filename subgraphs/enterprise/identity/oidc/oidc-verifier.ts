import { timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { VerifiedIdentity } from '../verified-identity';
import { identityFromIdTokenClaims } from './id-token-claims';
import type { OidcProviderSettings } from './oidc-provider-settings';
import { oidcRefusals, refusalForJoseError } from './oidc-refusals';

/**
 * Only asymmetric signatures: with a shared secret anyone holding the client secret could mint id
 * tokens, and allowing HS* next to RS* invites the classic confusion where the public key is used as
 * the HMAC secret. `none` is absent, so unsigned tokens are refused before any key is looked up.
 */
export const ACCEPTED_ID_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

export interface OidcVerifierOptions {
  /** How long discovery and JWKS requests may take. */
  readonly fetchTimeoutMs?: number;
  /** Least time between two JWKS refetches triggered by an unknown `kid` (jose's `cooldownDuration`). */
  readonly jwksRefetchCooldownMs?: number;
}

export interface IdTokenChecks {
  /** The nonce this sign-in sent to the provider; the token must carry it. */
  readonly nonce?: string;
  /** The verification time; defaults to now. */
  readonly now?: Date;
}

export interface OidcVerifier {
  verifyIdToken(settings: OidcProviderSettings, idToken: string, checks?: IdTokenChecks): Promise<VerifiedIdentity>;
}

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * One verifier per process: it remembers each issuer's discovery document and each JWKS, so repeated
 * sign-ins fetch nothing, while jose refetches a JWKS when a token names a key it has not seen (the
 * provider rotated its keys). A failed discovery is forgotten so the next sign-in tries again.
 */
export function createOidcVerifier(options: OidcVerifierOptions = {}): OidcVerifier {
  const fetchTimeoutMs = options.fetchTimeoutMs ?? 5_000;
  const jwksUriByIssuer = new Map<string, Promise<string>>();
  const keySetByUri = new Map<string, RemoteKeySet>();

  const jwksUriOf = (settings: OidcProviderSettings): Promise<string> => {
    if (settings.jwksUri) return Promise.resolve(settings.jwksUri);
    let uri = jwksUriByIssuer.get(settings.issuer);
    if (!uri) {
      uri = discoverJwksUri(settings.issuer, fetchTimeoutMs);
      jwksUriByIssuer.set(settings.issuer, uri);
      uri.catch(() => jwksUriByIssuer.delete(settings.issuer));
    }
    return uri;
  };

  const keySetAt = (uri: string): RemoteKeySet => {
    let keySet = keySetByUri.get(uri);
    if (!keySet) {
      keySet = createRemoteJWKSet(new URL(uri), {
        timeoutDuration: fetchTimeoutMs,
        ...(options.jwksRefetchCooldownMs === undefined ? {} : { cooldownDuration: options.jwksRefetchCooldownMs }),
      });
      keySetByUri.set(uri, keySet);
    }
    return keySet;
  };

  return {
    async verifyIdToken(settings, idToken, checks = {}) {
      let payload: JWTPayload;
      try {
        const keySet = keySetAt(await jwksUriOf(settings));
        ({ payload } = await jwtVerify(idToken, keySet, {
          issuer: settings.issuer,
          audience: settings.audience ?? settings.clientId,
          algorithms: [...ACCEPTED_ID_TOKEN_ALGORITHMS],
          clockTolerance: settings.clockSkewSeconds,
          currentDate: checks.now,
          requiredClaims: ['sub', 'exp'],
        }));
      } catch (error) {
        throw refusalForJoseError(error);
      }
      // OIDC Core 3.1.3.7: a token for several audiences names the client it was issued to in `azp`.
      if (typeof payload.azp === 'string' && payload.azp !== settings.clientId) throw oidcRefusals.audienceMismatch();
      if (checks.nonce !== undefined && !sameText(payload.nonce, checks.nonce)) throw oidcRefusals.nonceMismatch();
      return identityFromIdTokenClaims(payload, settings.groupsClaim ?? 'groups');
    },
  };
}

async function discoverJwksUri(issuer: string, timeoutMs: number): Promise<string> {
  const discoveryUrl = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let document: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(discoveryUrl, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    document = (await response.json()) as typeof document;
  } catch {
    throw oidcRefusals.unavailable();
  }
  // OpenID Connect Discovery 4.3: the document must name the very issuer it was fetched for.
  if (document.issuer !== issuer) throw oidcRefusals.issuerMismatch();
  if (typeof document.jwks_uri !== 'string') throw oidcRefusals.unavailable();
  return document.jwks_uri;
}

function sameText(actual: unknown, expected: string): boolean {
  if (typeof actual !== 'string') return false;
  const a = Buffer.from(actual);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
