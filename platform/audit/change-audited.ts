import type { NewEvent } from '../eventstore/port';
import { newEvent, type EventOrigin } from '../commands/event-metadata';
import { assertValidAuditEntry, type AuditEntry, type AuditOutcome } from './audit-entry';

/**
 * The audit record of a change, written in the change's own append (same stream, same write), so
 * a change is never stored without it on any event store. The audit chainer folds these records
 * into the tenant's hash-chained `audit-<tenantId>` trail, in log order, exactly once.
 */
export const CHANGE_AUDITED = 'ChangeAudited';
export const CHANGE_AUDITED_SCHEMA_VERSION = 1;

/** What the audit records of one operation say, and where they went. */
export interface AuditedAction {
  /** `<subgraph>.<operation>`, e.g. `optimization.createProblem`. */
  readonly action: string;
  /** The operation's arguments (redacted) or what else explains it. */
  readonly details: Readonly<Record<string, unknown>>;
  /** `success`, unless the change records a refusal (a failed sign-in is stored as AuthenticationFailed). */
  readonly outcome: AuditOutcome;
  /** Log positions of the changes recorded under this action so far: filled by the command path. */
  readonly recordedAt: number[];
}

export function auditedAction(action: string, details: Readonly<Record<string, unknown>> = {}, outcome: AuditOutcome = 'success'): AuditedAction {
  return { action, details, outcome, recordedAt: [] };
}

/** The audit record of one append: the change's origin and target, and the action's outcome. */
export function changeAuditRecord(action: AuditedAction, origin: EventOrigin, target: string): NewEvent<typeof CHANGE_AUDITED, AuditEntry> {
  const entry: AuditEntry = {
    actor: origin.actor,
    tenantId: origin.tenantId,
    action: action.action,
    target,
    outcome: action.outcome,
    correlationId: origin.correlationId,
    time: origin.occurredAt.toISOString(),
    details: action.details,
  };
  // Checked before the change is written: the chainer must never meet a record it cannot chain.
  assertValidAuditEntry(entry);
  return newEvent({ type: CHANGE_AUDITED, data: entry }, origin, CHANGE_AUDITED_SCHEMA_VERSION);
}
