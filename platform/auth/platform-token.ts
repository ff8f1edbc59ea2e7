import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';
import { unauthenticated } from '../errors';
import { isRole, type AuthContext, type Role } from './auth-context';
import { SIGNING_ALGORITHM, type SigningKeys } from './signing-keys';

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
}

/** Signs a short-lived platform token (JWT, ES256) carrying the caller's role and tenant. */
export async function issuePlatformToken(keys: SigningKeys, settings: TokenSettings, claims: TokenClaims): Promise<string> {
  return new SignJWT({ roles: [...claims.roles], tenant: claims.tenantId, amr: claims.authMethod, sid: claims.sessionId })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: keys.kid, typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${settings.ttlSeconds}s`)
    .sign(keys.privateKey);
}

/**
 * Verifies signature (ES256 only: `none` and HMAC tokens are refused by the algorithm list),
 * issuer, audience and expiry, and turns the claims into an AuthContext. Every failure is
 * UNAUTHENTICATED with a message that says what to fix.
 */
export async function verifyPlatformToken(keys: SigningKeys, settings: TokenSettings, token: string): Promise<AuthContext> {
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      algorithms: [SIGNING_ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      requiredClaims: ['sub', 'jti', 'exp'],
    });
    const roles = payload.roles;
    if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
      throw unauthenticated('The token carries no known role; request a new token.');
    }
    if (!roles.includes('platform-admin') && typeof payload.tenant !== 'string') {
      throw unauthenticated('The token names no tenant; request a new token for your tenant.');
    }
    return {
      subject: payload.sub as string,
      roles,
      tenantId: typeof payload.tenant === 'string' ? payload.tenant : undefined,
      tokenId: payload.jti as string,
      ...(typeof payload.sid === 'string' && { sessionId: payload.sid }),
      authMethod: typeof payload.amr === 'string' ? payload.amr : 'unknown',
    };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired; sign in again.');
    if (error instanceof joseErrors.JOSEError) throw unauthenticated(`The token was refused (${error.code}); sign in again.`);
    throw error;
  }
}

/** Extracts the token from an `Authorization: Bearer …` value; undefined when absent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <platform token>".');
  return match[1];
}
