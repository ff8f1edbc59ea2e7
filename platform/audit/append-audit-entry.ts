import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore, type NewEvent } from '../eventstore/port';
import { chainAuditEntry, type AuditChainTail } from './audit-chain-link';
import {
  assertValidAuditEntry,
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
  /** Global position of the entry in the event log. */
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
  assertValidAuditEntry(entry);
  const streamId = auditStreamId(entry.tenantId);
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    const [last] = await eventStore.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    const tail: AuditChainTail | undefined = last ? readTail(last.data, last.revision) : undefined;
    const data = chainAuditEntry(entry, tail);
    const event: NewEvent<typeof AUDIT_ENTRY_RECORDED, AuditEntryRecordedData> = {
      id: randomUUID(),
      type: AUDIT_ENTRY_RECORDED,
      data,
      metadata: {
        tenantId: entry.tenantId,
        actor: entry.actor,
        correlationId: entry.correlationId,
        causationId: options.causationId ?? entry.correlationId,
        occurredAt: entry.time,
        schemaVersion: AUDIT_ENTRY_RECORDED_SCHEMA_VERSION,
      },
    };
    try {
      const result = await eventStore.append(streamId, [event], last ? last.revision : 'no-stream');
      return { data, revision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= maxAttempts) throw error;
    }
  }
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
