import { assertValidAuditEntry, auditStreamId, InvalidAuditEntryError, type AuditEntry } from './audit-entry';
import { sampleAuditEntry } from './test-support/sample-audit-entry';

describe('audit entries', () => {
  it('live in one stream per tenant', () => {
    expect(auditStreamId('acme')).toBe('audit-acme');
  });

  it('accepts a complete entry', () => {
    expect(() => assertValidAuditEntry(sampleAuditEntry('acme', 1))).not.toThrow();
  });

  it.each<[string, Partial<Record<keyof AuditEntry, unknown>>, string]>([
    ['an empty actor', { actor: '' }, '"actor"'],
    ['a missing tenant', { tenantId: undefined }, '"tenantId"'],
    ['an unknown outcome', { outcome: 'maybe' }, 'outcome'],
    ['a time that is not ISO-8601', { time: 'yesterday' }, 'ISO-8601'],
    ['details that are an array', { details: [] }, 'details'],
    ['details holding undefined', { details: { reason: undefined } }, '$.details.reason'],
    ['details holding NaN', { details: { score: Number.NaN } }, '$.details.score'],
  ])('refuses %s before anything is written', (_name, change, message) => {
    // Given an entry with one bad field
    const entry = { ...sampleAuditEntry('acme', 1), ...change } as AuditEntry;
    // When checked / Then it is refused with an error naming the field
    expect(() => assertValidAuditEntry(entry)).toThrow(InvalidAuditEntryError);
    expect(() => assertValidAuditEntry(entry)).toThrow(message);
  });
});
