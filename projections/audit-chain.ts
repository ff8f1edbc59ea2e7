import { auditBatcherFor, type AuditEntry } from '../platform/audit';
import { CHANGE_AUDITED } from '../platform/audit/change-audited';
import type { EventStore } from '../platform/eventstore/port';
import type { Projection } from './projection';

export const AUDIT_CHAIN_PROJECTION = 'audit-chain';

/**
 * The audit chainer: folds every change's audit record (written in the change's own append) into
 * its tenant's hash-chained `audit-<tenantId>` trail, in log order. It runs as a projection so it
 * gets what projections get — a checkpoint, catch-up then live, read-your-writes, lag in /health —
 * but what it writes is events. Exactly once: each chained entry carries its record's position,
 * and a record the chain already holds is skipped (after a crash, or by a second chainer).
 * Entries of one tenant arriving in one batch are linked in one append.
 */
export function auditChainProjection(eventStore: EventStore): Projection {
  const batcher = auditBatcherFor(eventStore);
  let chaining: Promise<void>[] = [];
  return {
    name: AUDIT_CHAIN_PROJECTION,
    collections: [],
    filter: { eventTypes: [CHANGE_AUDITED] },
    handle(record) {
      chaining.push(batcher.chain(record.data as AuditEntry, record.position, record.id));
    },
    async flush() {
      const batch = chaining;
      chaining = [];
      await Promise.all(batch);
    },
  };
}
