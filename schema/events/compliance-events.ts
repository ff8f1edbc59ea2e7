import type { DomainEvent } from '../../platform/commands/decider';
import type { BusinessAssociateAgreement, ComplianceViolation, FrameworkType } from '../compliance/compliance-request';

/**
 * Compliance events, owned by the enterprise subgraph. `compliance-<tenantId>`: the tenant's
 * frameworks, profile and erasure requests. `changeapproval-<id>`: one SOC2 change approval.
 * `compliancecheck-<tenantId>`: every check result, appended without a revision check (checks
 * never conflict, and they must not contend with profile changes).
 */
export const COMPLIANCE_CATEGORY = 'compliance';
export const CHANGE_APPROVAL_CATEGORY = 'changeapproval';
export const COMPLIANCE_CHECK_CATEGORY = 'compliancecheck';
export const complianceStreamId = (tenantId: string): string => `${COMPLIANCE_CATEGORY}-${tenantId}`;
export const changeApprovalStreamId = (approvalId: string): string => `${CHANGE_APPROVAL_CATEGORY}-${approvalId}`;
export const complianceCheckStreamId = (tenantId: string): string => `${COMPLIANCE_CHECK_CATEGORY}-${tenantId}`;

export type ComplianceAuditSchedule = 'MONTHLY' | 'QUARTERLY' | 'SEMIANNUAL' | 'ANNUAL';
export type ComplianceFrameworkStatus = 'ACTIVE' | 'SUSPENDED';

export type ComplianceFrameworkEnabled = DomainEvent<
  'ComplianceFrameworkEnabled',
  {
    readonly tenantId: string;
    readonly frameworkId: string;
    readonly frameworkType: FrameworkType;
    readonly complianceLevel: string;
    readonly requirements: readonly string[];
    readonly auditSchedule: ComplianceAuditSchedule;
    /** The first audit is due one schedule interval after enabling. */
    readonly nextAudit: string;
    readonly enabledAt: string;
  }
>;
export type ComplianceFrameworkUpdated = DomainEvent<
  'ComplianceFrameworkUpdated',
  {
    readonly tenantId: string;
    readonly frameworkId: string;
    readonly complianceLevel: string;
    readonly requirements: readonly string[];
    readonly auditSchedule: ComplianceAuditSchedule;
    readonly status: ComplianceFrameworkStatus;
    readonly nextAudit: string;
    readonly updatedAt: string;
  }
>;
export type ComplianceAuditRecorded = DomainEvent<
  'ComplianceAuditRecorded',
  { readonly tenantId: string; readonly frameworkId: string; readonly lastAudit: string; readonly nextAudit: string; readonly recordedAt: string }
>;
export type ComplianceProfileUpdated = DomainEvent<
  'ComplianceProfileUpdated',
  {
    readonly tenantId: string;
    readonly permittedRegions: readonly string[];
    readonly encryptionAtRest: boolean;
    readonly businessAssociateAgreement: BusinessAssociateAgreement | null;
    readonly changeApprovalRequired: boolean;
    readonly guardedOperations: readonly string[];
    readonly privilegedOperations: readonly string[];
    readonly updatedAt: string;
  }
>;
export type ErasureRequestRecorded = DomainEvent<
  'ErasureRequestRecorded',
  {
    readonly tenantId: string;
    /** erasedSubjectHash(tenantId, subjectId): the id itself never enters the log. */
    readonly subjectHash: string;
    readonly requestedAt: string;
  }
>;
export type ComplianceEvent = ComplianceFrameworkEnabled | ComplianceFrameworkUpdated | ComplianceAuditRecorded | ComplianceProfileUpdated | ErasureRequestRecorded;

export type ChangeApprovalRequested = DomainEvent<
  'ChangeApprovalRequested',
  {
    readonly tenantId: string;
    readonly approvalId: string;
    readonly operation: string;
    readonly target: string | null;
    readonly reason: string;
    readonly requestedBy: string;
    readonly requestedAt: string;
  }
>;
export type ChangeApproved = DomainEvent<
  'ChangeApproved',
  { readonly tenantId: string; readonly approvalId: string; readonly approvedBy: string; readonly approvedAt: string; readonly expiresAt: string }
>;
export type ChangeApprovalEvent = ChangeApprovalRequested | ChangeApproved;

export type ComplianceChecked = DomainEvent<
  'ComplianceChecked',
  {
    readonly tenantId: string;
    readonly operation: string;
    readonly isCompliant: boolean;
    readonly violations: readonly ComplianceViolation[];
    readonly evaluatedAt: string;
    readonly actor: string;
    /** guard: before a guarded mutation ran; request: a checkCompliance call. */
    readonly trigger: 'guard' | 'request';
  }
>;

export const COMPLIANCE_EVENT_VERSIONS: Readonly<Record<ComplianceEvent['type'] | ChangeApprovalEvent['type'] | ComplianceChecked['type'], number>> = {
  ComplianceFrameworkEnabled: 1,
  ComplianceFrameworkUpdated: 1,
  ComplianceAuditRecorded: 1,
  ComplianceProfileUpdated: 1,
  ErasureRequestRecorded: 1,
  ChangeApprovalRequested: 1,
  ChangeApproved: 1,
  ComplianceChecked: 1,
};
