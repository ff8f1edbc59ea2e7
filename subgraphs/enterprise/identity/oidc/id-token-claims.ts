import type { JWTPayload } from 'jose';
import type { VerifiedIdentity } from '../verified-identity';

/** Claims about the token itself rather than the user; they say nothing a role mapping could use. */
const PROTOCOL_CLAIMS = new Set([
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'auth_time',
  'nonce',
  'azp',
  'jti',
  'at_hash',
  'c_hash',
  's_hash',
  'sid',
]);

/** The identity a verified id token states: `sub` is the user's stable id at the provider. */
export function identityFromIdTokenClaims(claims: JWTPayload, groupsClaim: string): VerifiedIdentity {
  const attributes: Record<string, readonly string[]> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (PROTOCOL_CLAIMS.has(name) || name === groupsClaim) continue;
    const values = textValues(value);
    if (values.length > 0) attributes[name] = values;
  }
  const displayName = firstText(claims.name) ?? firstText(claims.preferred_username);
  // An address the provider says it has not verified must not link to an account that owns it.
  const email = claims.email_verified === false ? undefined : firstText(claims.email);
  return {
    externalId: claims.sub as string,
    ...(displayName === undefined ? {} : { displayName }),
    ...(email === undefined ? {} : { email }),
    groups: groupNames(claims[groupsClaim]),
    attributes,
    ...(typeof claims.exp === 'number' ? { validUntil: new Date(claims.exp * 1000) } : {}),
  };
}

/** Providers send groups as a JSON array (Keycloak, Okta, Entra ID) or as one space-separated string (scope-like). */
function groupNames(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter((name) => name.length > 0);
  return textValues(value).filter((name) => name.length > 0);
}

function textValues(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item) => ['string', 'number', 'boolean'].includes(typeof item)).map(String);
}

function firstText(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
