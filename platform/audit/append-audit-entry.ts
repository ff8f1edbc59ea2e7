import { newEvent } from '../commands/event-metadata';
import { WrongExpectedRevisionError, type EventStore, type NewEvent, type RecordedEvent } from '../eventstore/port';
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
  return appended!;
}

/** One entry of a batch, with the id of what caused it. */
export interface PendingAuditEntry {
  readonly entry: AuditEntry;
  readonly causationId?: string;
  /**
   * The log position of the change's audit record this entry chains (the chainer's entries). An
   * entry whose record the chain already holds is skipped, so a record is chained exactly once
   * whoever retries it, after a crash or from another process.
   */
  readonly chainedFrom?: number;
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
): Promise<(AppendedAuditEntry | undefined)[]> {
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
    const chainedUpTo = pending.some((item) => item.chainedFrom !== undefined) ? await lastChainedRecord(eventStore, streamId, last) : -1;
    const fresh = pending.filter((item) => item.chainedFrom === undefined || item.chainedFrom > chainedUpTo);
    if (fresh.length === 0) return pending.map(() => undefined);
    let tail: AuditChainTail | undefined = last ? readTail(last.data, last.revision) : undefined;
    const chained = fresh.map((item) => {
      const data = chainAuditEntry(item.entry, tail);
      tail = { sequence: data.sequence, hash: data.hash };
      return { item, data, event: auditEvent(item, data) };
    });
    try {
      const result = await eventStore.append(streamId, chained.map(({ event }) => event), last ? last.revision : 'no-stream');
      // Positions are only known for the last event of an append: the others are at or before it.
      const firstRevision = result.nextExpectedRevision - chained.length + 1;
      const appended = new Map(chained.map(({ item, data }, index) => [item, { data, revision: firstRevision + index, position: result.position }]));
      return pending.map((item) => appended.get(item));
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= maxAttempts) throw error;
    }
  }
}

const TAIL_PAGE = 100;

/** The record position of the chain's last chainer entry, or -1: how far the chain holds records. */
async function lastChainedRecord(eventStore: EventStore, streamId: string, last: RecordedEvent | undefined): Promise<number> {
  if (last === undefined) return -1;
  if (last.metadata.chainedFrom !== undefined) return last.metadata.chainedFrom;
  for (let fromRevision = last.revision - 1; fromRevision >= 0; fromRevision -= TAIL_PAGE) {
    const page = await eventStore.readStream(streamId, { direction: 'backwards', fromRevision, maxCount: TAIL_PAGE });
    const chained = page.find((event) => event.metadata.chainedFrom !== undefined);
    if (chained) return chained.metadata.chainedFrom!;
  }
  return -1;
}

function auditEvent({ entry, causationId, chainedFrom }: PendingAuditEntry, data: AuditEntryRecordedData): NewEvent<typeof AUDIT_ENTRY_RECORDED, AuditEntryRecordedData> {
  const origin = { tenantId: entry.tenantId, actor: entry.actor, correlationId: entry.correlationId, causationId: causationId ?? entry.correlationId, occurredAt: new Date(entry.time) };
  return newEvent({ type: AUDIT_ENTRY_RECORDED, data }, origin, AUDIT_ENTRY_RECORDED_SCHEMA_VERSION, chainedFrom === undefined ? {} : { chainedFrom });
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
