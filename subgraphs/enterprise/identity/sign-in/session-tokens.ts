import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { derivedId } from '../../../../platform/derived-id';

/**
 * A refresh token is `<sessionId>.<256 random bits>`: the session id finds the stream, the random
 * part is the secret. Only its SHA-256 is stored, so a copy of the event log cannot refresh.
 */
export function newRefreshToken(sessionId: string): string {
  return `${sessionId}.${randomBytes(32).toString('base64url')}`;
}

export function newSessionId(): string {
  return randomUUID();
}

export function hashRefreshToken(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex');
}

const REFRESH_TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/;

/** The session a refresh token belongs to, or undefined when the string is not one. */
export function sessionIdOfRefreshToken(refreshToken: string): string | undefined {
  return REFRESH_TOKEN.exec(refreshToken)?.[1];
}

/**
 * Users get one id per tenant, provider and provider-side id, derived rather than drawn, so that
 * two first sign-ins of the same person at the same moment meet on one `user-<id>` stream.
 */
export function userIdFor(tenantId: string, providerId: string, externalId: string): string {
  return derivedId(tenantId, providerId, externalId);
}
