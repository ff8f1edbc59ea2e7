import type { AuditEntry } from '../audit-entry';

/** A valid audit entry for tests; `index` varies the fields so entries differ from each other. */
export function sampleAuditEntry(tenantId: string, index: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actor: `user-${index % 3}`,
    tenantId,
    action: index % 2 === 0 ? 'problem.create' : 'solve.start',
    target: `problem-${index}`,
    outcome: index % 5 === 4 ? 'denied' : 'success',
    correlationId: `correlation-${index}`,
    time: new Date(Date.UTC(2024, 0, 1, 0, 0, index)).toISOString(),
    details: { index, tags: ['a', 'b'], nested: { size: index * 1.5 } },
    ...overrides,
  };
}
