/** The `audit_entries` read model: every tenant's audit entries, for `auditTrail` queries. */
export const AUDIT_ENTRIES_COLLECTION = 'audit_entries';

export interface AuditEntryDocument {
  /** `<tenantId>:<sequence>`. */
  readonly id: string;
  readonly tenantId: string;
  readonly sequence: number;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly outcome: string;
  readonly correlationId: string;
  readonly time: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly hash: string;
  readonly [field: string]: unknown;
}
