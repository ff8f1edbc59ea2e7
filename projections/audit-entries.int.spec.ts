import { describeProjection, stream } from '../test/support/projection-spec';
import { AUDIT_ENTRY_RECORDED, AUDIT_ENTRY_RECORDED_SCHEMA_VERSION, auditStreamId, chainAuditEntry, type AuditChainTail, type AuditEntry, type AuditEntryRecordedData } from '../platform/audit';
import { sampleAuditEntry } from '../platform/audit/test-support/sample-audit-entry';
import type { DomainEvent } from '../platform/commands/decider';
import { AUDIT_ENTRIES_COLLECTION, type AuditEntryDocument } from '../schema/read-models/audit';
import { auditEntriesProjection } from './audit-entries';

type AuditEntryRecorded = DomainEvent<typeof AUDIT_ENTRY_RECORDED, AuditEntryRecordedData>;

/** A tenant's hash-chained trail: each entry recorded links to the one before. */
function auditTrail(tenantId: string) {
  const event = stream<AuditEntryRecorded>(auditStreamId(tenantId), tenantId, { schemaVersion: AUDIT_ENTRY_RECORDED_SCHEMA_VERSION });
  let tail: AuditChainTail | undefined;
  return {
    recorded(entry: AuditEntry) {
      const data = chainAuditEntry(entry, tail);
      tail = data;
      return { data, event: event({ type: AUDIT_ENTRY_RECORDED, data }) };
    },
  };
}

/** The stored entry: its fields and hash, keyed by its place in its tenant's chain; the link to the previous entry stays in the log. */
function document({ previousHash: _previousHash, ...entry }: AuditEntryRecordedData): AuditEntryDocument {
  return { id: `${entry.tenantId}:${entry.sequence}`, ...entry };
}

describeProjection(auditEntriesProjection, (spec) => {
  it("keeps every entry of a tenant's chain, in order", () => {
    const acme = auditTrail('acme');
    const succeeded = acme.recorded(sampleAuditEntry('acme', 0));
    const denied = acme.recorded(sampleAuditEntry('acme', 4));
    return spec.when(succeeded.event, denied.event).then({ [AUDIT_ENTRIES_COLLECTION]: [document(succeeded.data), document(denied.data)] });
  });

  it('keeps the chains of different tenants apart, even at the same sequence', () => {
    const acme = auditTrail('acme');
    const globex = auditTrail('globex');
    const acmeFirst = acme.recorded(sampleAuditEntry('acme', 0));
    const globexFirst = globex.recorded(sampleAuditEntry('globex', 1));
    const globexSecond = globex.recorded(sampleAuditEntry('globex', 2));
    return spec
      .given(acmeFirst.event, globexFirst.event)
      .when(globexSecond.event)
      .then({
        [AUDIT_ENTRIES_COLLECTION]: {
          'acme:0': document(acmeFirst.data),
          'acme:1': undefined,
          'globex:0': document(globexFirst.data),
          'globex:1': document(globexSecond.data),
        },
      });
  });
});
