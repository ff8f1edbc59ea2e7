import { AUDIT_ENTRY_RECORDED } from './audit-entry';
import { computeAuditHash, GENESIS_PREVIOUS_HASH, splitAuditData } from './audit-chain-link';

/** One stored link as the verifier sees it: where it is, and its data exactly as read back. */
export interface AuditChainRecord {
  /** Stream revision of the event; reported as the broken position. */
  readonly revision: number;
  /** Event type when known (the export may leave it out); anything else than AuditEntryRecorded breaks the chain. */
  readonly type?: string;
  readonly data: unknown;
}

export interface AuditChainVerification {
  readonly valid: boolean;
  /** Entries found intact: all of them when valid, those before the break otherwise. */
  readonly checkedEntries: number;
  /** Stream revision of the first entry that does not verify. */
  readonly firstBrokenPosition?: number;
  readonly reason?: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Checks a chain one record at a time, in stream order, so a long stream can be verified page by
 * page (and a command line can report progress). Each record must carry the next sequence, link
 * to the previous record's hash and hash to its own stored hash. Once a record fails, the
 * verifier keeps the first break and ignores the rest: after a break nothing can be trusted.
 */
export class AuditChainVerifier {
  private intactEntries = 0;
  private previousHash = GENESIS_PREVIOUS_HASH;
  private broken: { readonly position: number; readonly reason: string } | undefined;

  /** Checks the next record; returns false once the chain is broken. */
  check(record: AuditChainRecord): boolean {
    if (this.broken) return false;
    const problem = this.findProblem(record);
    if (problem) {
      this.broken = { position: record.revision, reason: problem };
      return false;
    }
    this.intactEntries += 1;
    return true;
  }

  /** Records a break found outside the data, e.g. an event that could not be read at all. */
  markBroken(position: number, reason: string): void {
    this.broken ??= { position, reason };
  }

  get isBroken(): boolean {
    return this.broken !== undefined;
  }

  result(): AuditChainVerification {
    if (!this.broken) return { valid: true, checkedEntries: this.intactEntries };
    return {
      valid: false,
      checkedEntries: this.intactEntries,
      firstBrokenPosition: this.broken.position,
      reason: this.broken.reason,
    };
  }

  private findProblem(record: AuditChainRecord): string | undefined {
    if (record.type !== undefined && record.type !== AUDIT_ENTRY_RECORDED) {
      return `unexpected event type ${record.type} in an audit stream`;
    }
    const data = record.data;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'event data is not a JSON object';
    const { entry, sequence, previousHash, hash } = splitAuditData(data as Record<string, unknown>);
    const expectedSequence = this.intactEntries;
    if (sequence !== expectedSequence) {
      return `sequence is ${JSON.stringify(sequence)}, expected ${expectedSequence} (an entry was removed, inserted or moved)`;
    }
    if (typeof hash !== 'string' || !SHA256_HEX.test(hash)) return 'stored hash is not a hex SHA-256';
    if (previousHash !== this.previousHash) {
      return 'previousHash does not match the hash of the previous entry';
    }
    let recomputed: string;
    try {
      recomputed = computeAuditHash({ sequence: expectedSequence, previousHash: this.previousHash, entry });
    } catch (error) {
      return `entry cannot be encoded: ${(error as Error).message}`;
    }
    if (recomputed !== hash) return 'stored hash does not match the entry (the entry or its hash was changed)';
    this.previousHash = hash;
    return undefined;
  }
}

/** Verifies a whole chain held in memory, e.g. read from an export. Records must be in stream order. */
export function verifyChain(records: Iterable<AuditChainRecord>): AuditChainVerification {
  const verifier = new AuditChainVerifier();
  for (const record of records) {
    if (!verifier.check(record)) break;
  }
  return verifier.result();
}
