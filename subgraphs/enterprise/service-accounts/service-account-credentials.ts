import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { derivedId } from '../../../platform/derived-id';

/** Marks the secret for secret scanners and for people reading a leaked config. */
const SECRET_PREFIX = 'goliath_sa_';

/** 256 random bits. Shown once, at creation or rotation; only its SHA-256 is stored. */
export function newClientSecret(): { readonly secretId: string; readonly secret: string } {
  return { secretId: randomUUID(), secret: `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}` };
}

/**
 * SHA-256, not a slow password hash: the secret has 256 bits of entropy, so no dictionary or
 * brute force reaches it, and every token exchange pays this cost.
 */
export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecretHash(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * One id per tenant and name, derived rather than drawn, so that two creations of one name meet on
 * one `serviceaccount-<id>` stream and the second is refused by the store itself. It is also the
 * OAuth `client_id`.
 */
export function serviceAccountIdFor(tenantId: string, name: string): string {
  return derivedId('service-account', tenantId, name);
}

/** The subject of the account's tokens, hence the actor of every audit entry they cause. */
export function serviceAccountSubject(name: string): string {
  return `service-account:${name}`;
}

export const CLIENT_CREDENTIALS_AUTH_METHOD = 'client_credentials';
