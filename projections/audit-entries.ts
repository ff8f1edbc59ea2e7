import { AUDIT_ENTRY_RECORDED, type AuditEntryRecordedData } from '../platform/audit';
import { AUDIT_ENTRIES_COLLECTION, type AuditEntryDocument } from '../schema/read-models/audit';
import type { Projection } from './projection';

/** Audit entries as a queryable read model; the hash-chained `audit-<tenantId>` streams stay the record. */
export const auditEntriesProjection: Projection = {
  name: 'audit-entries',
  collections: [{ name: AUDIT_ENTRIES_COLLECTION, indexes: ['tenantId', 'sequence', 'actor', 'action', 'time'] }],
  filter: { categories: ['audit'], eventTypes: [AUDIT_ENTRY_RECORDED] },
  handle(recorded, context) {
    const { previousHash: _previousHash, ...entry } = recorded.data as AuditEntryRecordedData;
    const document: AuditEntryDocument = { id: `${entry.tenantId}:${entry.sequence}`, ...entry };
    context.upsert(AUDIT_ENTRIES_COLLECTION, document);
  },
};
