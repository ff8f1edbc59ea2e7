import { canonicalJson } from './canonical-json';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied'];

/** One thing that happened, as the audit trail records it (issue 4, "Audit trail"). */
export interface AuditEntry {
  readonly actor: string;
  readonly tenantId: string;
  readonly action: string;
  readonly target: string;
  readonly outcome: AuditOutcome;
  readonly correlationId: string;
  /** ISO-8601 time at which it happened. */
  readonly time: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export const AUDIT_ENTRY_RECORDED = 'AuditEntryRecorded';

/** The chain fields stored beside the entry's own fields in the event data. */
export interface AuditChainFields {
  /** 0-based position of the entry in its tenant's chain. */
  readonly sequence: number;
  /** Hash of the previous entry, or GENESIS_PREVIOUS_HASH for the first. */
  readonly previousHash: string;
  /** Hex SHA-256 of canonicalJson({ sequence, previousHash, entry }). */
  readonly hash: string;
}

/** The data of an `AuditEntryRecorded` event: the entry's fields plus the chain fields. */
export type AuditEntryRecordedData = AuditEntry & AuditChainFields;

/** Each tenant has its own chain, in its own stream. */
export function auditStreamId(tenantId: string): string {
  return `audit-${tenantId}`;
}

/** Raised before anything is written when an entry is incomplete or cannot be hashed. */
export class InvalidAuditEntryError extends Error {
  readonly code = 'INVALID_AUDIT_ENTRY';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAuditEntryError';
  }
}

const REQUIRED_TEXT_FIELDS = ['actor', 'tenantId', 'action', 'target', 'correlationId', 'time'] as const;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks at run time what the type promises, because entries arrive from GraphQL and other
 * untyped edges, and a bad entry in an append-only chain can never be taken back.
 */
export function assertValidAuditEntry(entry: AuditEntry): void {
  for (const field of REQUIRED_TEXT_FIELDS) {
    const value: unknown = entry[field];
    if (typeof value !== 'string' || value.length === 0) {
      throw new InvalidAuditEntryError(`Audit entry field "${field}" must be a non-empty string`);
    }
  }
  if (!AUDIT_OUTCOMES.includes(entry.outcome)) {
    throw new InvalidAuditEntryError(`Audit entry outcome must be one of ${AUDIT_OUTCOMES.join(', ')}, got ${String(entry.outcome)}`);
  }
  if (!ISO_TIME.test(entry.time) || Number.isNaN(Date.parse(entry.time))) {
    throw new InvalidAuditEntryError(`Audit entry time must be an ISO-8601 date-time, got ${entry.time}`);
  }
  const details: unknown = entry.details;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) {
    throw new InvalidAuditEntryError('Audit entry details must be a JSON object');
  }
  try {
    canonicalJson(entry);
  } catch (error) {
    throw new InvalidAuditEntryError(`Audit entry cannot be hashed: ${(error as Error).message}`);
  }
}
