import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore, type NewEvent } from '../eventstore/port';
import { chainAuditEntry, type AuditChainTail } from './audit-chain-link';
import {
  assertValidAuditEntry,
  InvalidAuditEntryError,
  AUDIT_ENTRY_RECORDED,
  auditStreamId,
  type AuditEntry,
  type AuditEntryRecordedData,
} from './audit-entry';

export const AUDIT_ENTRY_RECORDED_SCHEMA_VERSION = 1;

export interface AppendAuditEntryOptions {
  /** Id of the request or event that caused the entry; the entry's correlationId when omitted. */
  readonly causationId?: string;
  /**
   * Attempts when another writer appends to the same chain first. Every concurrent writer but
   * one loses each round, so the default leaves room for a burst of concurrent entries.
   */
  readonly maxAttempts?: number;
}

export interface AppendedAuditEntry {
  readonly data: AuditEntryRecordedData;
  /** Stream revision of the entry (equal to its sequence). */
  readonly revision: number;
  /**
   * Global position of the entry in the event log; for an entry appended in a batch, the position
   * of the batch's last event (enough to wait for read models).
   */
  readonly position: number;
}

const DEFAULT_MAX_ATTEMPTS = 50;

/**
 * Appends `entry` to its tenant's chain. The tail is read and the append made with the tail's
 * revision as the expected one, so two writers can never both link to the same tail: the loser
 * gets a conflict, re-reads the new tail and links after it. The chain therefore never forks.
 * After `maxAttempts` conflicts the last WrongExpectedRevisionError is thrown.
 */
export async function appendAuditEntry(
  eventStore: EventStore,
  entry: AuditEntry,
  options: AppendAuditEntryOptions = {},
): Promise<AppendedAuditEntry> {
  const [appended] = await appendAuditEntries(eventStore, [{ entry, causationId: options.causationId }], options);
  return appended;
}

/** One entry of a batch, with the id of what caused it. */
export interface PendingAuditEntry {
  readonly entry: AuditEntry;
  readonly causationId?: string;
}

/**
 * Appends entries of one tenant, in order, as one append: each is linked to the one before it, the
 * first to the stored tail. Either all are stored or none (a conflict retries them all). This is
 * how many entries arriving together cost one read and one write instead of racing for the tail.
 */
export async function appendAuditEntries(
  eventStore: EventStore,
  pending: readonly PendingAuditEntry[],
  options: Pick<AppendAuditEntryOptions, 'maxAttempts'> = {},
): Promise<AppendedAuditEntry[]> {
  if (pending.length === 0) return [];
  const tenantId = pending[0].entry.tenantId;
  for (const { entry } of pending) {
    assertValidAuditEntry(entry);
    if (entry.tenantId !== tenantId) throw new InvalidAuditEntryError(`A batch of audit entries must belong to one tenant, got ${tenantId} and ${entry.tenantId}`);
  }
  const streamId = auditStreamId(tenantId);
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    const [last] = await eventStore.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    let tail: AuditChainTail | undefined = last ? readTail(last.data, last.revision) : undefined;
    const chained = pending.map(({ entry, causationId }) => {
      const data = chainAuditEntry(entry, tail);
      tail = { sequence: data.sequence, hash: data.hash };
      return { data, event: auditEvent(entry, data, causationId) };
    });
    try {
      const result = await eventStore.append(streamId, chained.map(({ event }) => event), last ? last.revision : 'no-stream');
      // Positions are only known for the last event of an append: the others are at or before it.
      const firstRevision = result.nextExpectedRevision - chained.length + 1;
      return chained.map(({ data }, index) => ({ data, revision: firstRevision + index, position: result.position }));
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= maxAttempts) throw error;
    }
  }
}

function auditEvent(entry: AuditEntry, data: AuditEntryRecordedData, causationId: string | undefined): NewEvent<typeof AUDIT_ENTRY_RECORDED, AuditEntryRecordedData> {
  return {
    id: randomUUID(),
    type: AUDIT_ENTRY_RECORDED,
    data,
    metadata: {
      tenantId: entry.tenantId,
      actor: entry.actor,
      correlationId: entry.correlationId,
      causationId: causationId ?? entry.correlationId,
      occurredAt: entry.time,
      schemaVersion: AUDIT_ENTRY_RECORDED_SCHEMA_VERSION,
    },
  };
}

/**
 * The tail to link to. The sequence is taken from the stream revision, not from the stored data,
 * so that a damaged tail cannot shift the numbering of everything appended after it; the damage
 * itself is for verifyAuditChain to report.
 */
function readTail(data: unknown, revision: number): AuditChainTail {
  const hash = typeof data === 'object' && data !== null ? (data as { hash?: unknown }).hash : undefined;
  return { sequence: revision, hash: typeof hash === 'string' ? hash : '' };
}
