import { createHash } from 'node:crypto';
import type { AuditEntry, AuditEntryRecordedData } from './audit-entry';
import { canonicalJson } from './canonical-json';

/** The previousHash of the first entry in a chain. */
export const GENESIS_PREVIOUS_HASH = '0'.repeat(64);

/** What links an entry into the chain: its sequence, the hash of the one before, and itself. */
export interface AuditLinkInput {
  readonly sequence: number;
  readonly previousHash: string;
  /** The entry being appended, or the entry part of stored data being verified. */
  readonly entry: AuditEntry | Readonly<Record<string, unknown>>;
}

/** Hex SHA-256 over the canonical encoding of { sequence, previousHash, entry }. */
export function computeAuditHash(link: AuditLinkInput): string {
  const canonical = canonicalJson({ sequence: link.sequence, previousHash: link.previousHash, entry: link.entry });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The tail of a chain that a new entry is linked to; undefined for an empty chain. */
export interface AuditChainTail {
  readonly sequence: number;
  readonly hash: string;
}

/** Links `entry` after `tail`: the event data to append. */
export function chainAuditEntry(entry: AuditEntry, tail: AuditChainTail | undefined): AuditEntryRecordedData {
  const sequence = tail ? tail.sequence + 1 : 0;
  const previousHash = tail ? tail.hash : GENESIS_PREVIOUS_HASH;
  return { ...entry, sequence, previousHash, hash: computeAuditHash({ sequence, previousHash, entry }) };
}

/**
 * Splits stored event data back into the entry and its chain fields. Every field that is not a
 * chain field belongs to the entry, so a field added to the stored data changes the hash too.
 */
export function splitAuditData(data: Readonly<Record<string, unknown>>): {
  readonly entry: Record<string, unknown>;
  readonly sequence: unknown;
  readonly previousHash: unknown;
  readonly hash: unknown;
} {
  const { sequence, previousHash, hash, ...entry } = data;
  return { entry, sequence, previousHash, hash };
}
