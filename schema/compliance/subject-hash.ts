import { createHash } from 'node:crypto';

/**
 * How an erased data subject is remembered. The event log is immutable, so the id itself (often
 * an e-mail address) must never enter it: only SHA-256 of tenant and id, enough to recognise the
 * subject when a later operation names it. The tenant in the hash keeps two tenants' lists apart.
 */
export function erasedSubjectHash(tenantId: string, subjectId: string): string {
  return createHash('sha256').update(`${tenantId}\u0000${subjectId}`).digest('hex');
}
