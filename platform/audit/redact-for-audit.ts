/**
 * Turns the arguments of an operation into audit details that are safe to keep forever: every
 * value under a secret-looking key is replaced, and large values are cut down, because an
 * append-only chain can never be cleaned afterwards and a QUBO argument can hold millions of terms.
 * The result is plain JSON the canonical encoding accepts (no undefined, NaN, Date or class).
 */

export const REDACTED = '[REDACTED]';

/**
 * Keys whose values are secrets or bearer material. Matched against the key with case, `_` and `-`
 * ignored, so `client_secret`, `clientSecret` and `Client-Secret` are one key; `token` also
 * catches `refreshToken`, `accessToken`, `idToken`.
 */
const SECRET_KEY = /password|passwd|secret|token|assertion|samlresponse|privatekey|credential|apikey|authorization|cookie/;

export interface AuditRedactionLimits {
  readonly maxStringLength: number;
  readonly maxArrayItems: number;
  readonly maxObjectKeys: number;
  readonly maxDepth: number;
}

export const DEFAULT_REDACTION_LIMITS: AuditRedactionLimits = { maxStringLength: 256, maxArrayItems: 20, maxObjectKeys: 50, maxDepth: 6 };

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[_-]/g, ''));
}

/** A redacted, size-bounded copy of `args` for an audit entry's details. */
export function redactForAudit(args: Readonly<Record<string, unknown>>, limits: AuditRedactionLimits = DEFAULT_REDACTION_LIMITS): Record<string, unknown> {
  const value = redact(args, limits, 0);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function redact(value: unknown, limits: AuditRedactionLimits, depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return truncateString(value, limits.maxStringLength);
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (typeof value !== 'object') return undefined;
  if (depth >= limits.maxDepth) return '[nested too deep]';
  if (Array.isArray(value)) {
    const kept = value.slice(0, limits.maxArrayItems).map((item) => redact(item, limits, depth + 1) ?? null);
    return value.length > limits.maxArrayItems ? [...kept, `[${value.length - limits.maxArrayItems} more items]`] : kept;
  }
  // GraphQL input objects arrive as class instances (type-graphql) or null-prototype objects.
  const entries = Object.entries(value as Record<string, unknown>);
  const result: Record<string, unknown> = {};
  for (const [key, item] of entries.slice(0, limits.maxObjectKeys)) {
    if (isSecretKey(key)) {
      if (item !== undefined && item !== null) result[key] = REDACTED;
      continue;
    }
    const redacted = redact(item, limits, depth + 1);
    if (redacted !== undefined) result[key] = redacted;
  }
  if (entries.length > limits.maxObjectKeys) result['[more keys]'] = entries.length - limits.maxObjectKeys;
  return result;
}

function truncateString(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength)}…[${text.length - maxLength} more characters]`;
}
