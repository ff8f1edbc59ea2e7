import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from its parts rather than drawn: two writers that mean the same thing
 * (a person's first two sign-ins, two creations of one name) meet on one stream, where the store's
 * concurrency check keeps only one.
 */
export function derivedId(...parts: readonly string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
}
