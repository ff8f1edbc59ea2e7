import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';
import { unauthenticated } from '../errors';
import { roleNamed, type AuthContext, type Role } from './auth-context';
import type { TokenSigner, VerificationKeys } from './signing-key-ring';
import { SIGNING_ALGORITHM } from './signing-keys';

export interface TokenSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
}

export interface TokenClaims {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly tenantId?: string;
  readonly authMethod: string;
  /** Set for sessions opened by signing in, so that revoking the session revokes the token. */
  readonly sessionId?: string;
  /** The token expires here at the latest (e.g. the session's end), even if the TTL reaches further. */
  readonly notAfter?: Date;
}

/** Signs a short-lived platform token (JWT, ES256, the ring's newest key) carrying the caller's roles and tenant. */
export async function issuePlatformToken(signer: TokenSigner, settings: TokenSettings, claims: TokenClaims): Promise<string> {
  const key = await signer.signingKey();
  const ttlEnd = Math.floor(Date.now() / 1000) + settings.ttlSeconds;
  const expiresAt = claims.notAfter ? Math.min(ttlEnd, Math.floor(claims.notAfter.getTime() / 1000)) : ttlEnd;
  return new SignJWT({ roles: [...claims.roles], tenant: claims.tenantId, amr: claims.authMethod, sid: claims.sessionId })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(key.privateKey);
}

/**
 * Verifies signature (ES256 only: `none` and HMAC tokens are refused by the algorithm list,
 * before any key is looked up), the signing key (known to the ring and not retired), issuer,
 * audience and expiry, and turns the claims into an AuthContext. Every failure is
 * UNAUTHENTICATED with a message that says what to fix. Session revocation is the caller's
 * check (app/token-verifier.ts), since it must run on remembered tokens too.
 */
export async function verifyPlatformToken(keys: VerificationKeys, settings: TokenSettings, token: string): Promise<AuthContext> {
  try {
    const { payload, protectedHeader } = await jwtVerify(token, (header) => keys.verificationKey(header.kid), {
      algorithms: [SIGNING_ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      requiredClaims: ['sub', 'jti', 'exp'],
    });
    const roles = claimedRoles(payload.roles);
    if (!roles) throw unauthenticated('The token carries no known role; request a new token.');
    if (!roles.includes('PLATFORM_ADMIN') && typeof payload.tenant !== 'string') {
      throw unauthenticated('The token names no tenant; request a new token for your tenant.');
    }
    return {
      subject: payload.sub as string,
      roles,
      tenantId: typeof payload.tenant === 'string' ? payload.tenant : undefined,
      tokenId: payload.jti as string,
      ...(typeof payload.sid === 'string' && { sessionId: payload.sid }),
      ...(protectedHeader.kid !== undefined && { keyId: protectedHeader.kid }),
      authMethod: typeof payload.amr === 'string' ? payload.amr : 'unknown',
    };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired; sign in again.');
    if (error instanceof joseErrors.JOSEError) throw unauthenticated(`The token was refused (${error.code}); sign in again.`);
    throw error;
  }
}

/**
 * The `roles` claim as roles, or undefined unless every entry is one. A token minted before roles
 * took the API's spelling says `tenant-admin`: it is read as TENANT_ADMIN, so that nobody signed
 * in across the upgrade is thrown out before the token expires.
 */
function claimedRoles(claim: unknown): Role[] | undefined {
  if (!Array.isArray(claim) || claim.length === 0) return undefined;
  const roles = claim.map((entry) => (typeof entry === 'string' ? roleNamed(entry) : undefined));
  return roles.every((role) => role !== undefined) ? roles : undefined;
}

/** Extracts the token from an `Authorization: Bearer …` value; undefined when absent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <platform token>".');
  return match[1];
}
