import type { ReadStore } from '../readstore/port';

/** A requirement a check found unmet. */
export interface ComplianceViolationReport {
  readonly framework: string;
  readonly requirement: string;
  readonly message: string;
}

export interface ComplianceVerdict {
  readonly isCompliant: boolean;
  readonly violations: readonly ComplianceViolationReport[];
  readonly evaluatedAt: string;
}

/** What platform code reads of a tenant's compliance profile: the mutations the guard checks before they run. */
export interface GuardedOperations {
  readonly guardedOperations: readonly string[];
}

/** Why a check ran: before a guarded mutation, or because a caller asked (checkCompliance). */
export type ComplianceTrigger = 'guard' | 'request';

export interface ComplianceQuestion<Profile> {
  readonly tenantId: string;
  readonly operation: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** Who asks, as proven by the verified platform token. */
  readonly actor: { readonly subject: string; readonly roles: readonly string[]; readonly authMethod: string };
  readonly now: Date;
  /** Already read by the caller (the guard reads it first to see whether the operation is guarded). */
  readonly profile?: Profile;
}

/** A verdict, or the message saying the rules did not finish within the budget (no verdict, so nothing is recorded). */
export type ComplianceEvaluation<Verdict> = { readonly verdict: Verdict } | { readonly timedOut: string };

/** The event that records a verdict, named and shaped by the catalog; the platform appends it. */
export interface VerdictRecord {
  readonly streamId: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly schemaVersion: number;
}

/**
 * The compliance catalogue as platform code uses it. platform/ knows no domain (DESIGN.md §2): the
 * frameworks, their requirements, the facts the requirements read and the event that records a
 * verdict live in schema/compliance, whose COMPLIANCE_CATALOG implements this and is handed to
 * the guard and to runComplianceCheck as a parameter.
 */
export interface ComplianceCatalog<Profile extends GuardedOperations = GuardedOperations, Verdict extends ComplianceVerdict = ComplianceVerdict> {
  /** The field of a check's data that carries the change approval the caller presented (`Goliath-Change-Approval`). */
  readonly changeApprovalField: string;
  loadProfile(readStore: ReadStore, tenantId: string): Promise<Profile | undefined>;
  /** Reads the facts the requirements need, then evaluates the tenant's frameworks in force within `timeoutMs`. */
  evaluate(readStore: ReadStore, question: ComplianceQuestion<Profile>, timeoutMs: number): Promise<ComplianceEvaluation<Verdict>>;
  verdictRecord(check: { readonly tenantId: string; readonly operation: string; readonly actor: string; readonly trigger: ComplianceTrigger }, verdict: Verdict): VerdictRecord;
}
