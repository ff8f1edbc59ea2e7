import type { BusinessAssociateAgreement } from '../compliance/compliance-request';

/**
 * Compliance read models. Every subgraph's compliance guard reads them, so they live in the
 * shared schema and not in the enterprise subgraph.
 */
export const COMPLIANCE_FRAMEWORKS_COLLECTION = 'compliance_frameworks';
export const COMPLIANCE_PROFILES_COLLECTION = 'compliance_profiles';
export const COMPLIANCE_ERASURES_COLLECTION = 'compliance_erasures';
export const CHANGE_APPROVALS_COLLECTION = 'compliance_change_approvals';

export interface ComplianceFrameworkDocument {
  /** The framework id. */
  readonly id: string;
  readonly tenantId: string;
  readonly frameworkType: string;
  readonly complianceLevel: string;
  readonly requirements: readonly string[];
  readonly auditSchedule: string;
  readonly lastAudit: string | null;
  readonly nextAudit: string;
  readonly status: string;
  readonly enabledAt: string;
  readonly updatedAt: string;
  readonly [field: string]: unknown;
}

/** One per tenant that has any compliance settings; id = tenantId. */
export interface ComplianceProfileDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly permittedRegions: readonly string[];
  readonly encryptionAtRest: boolean;
  readonly businessAssociateAgreement: BusinessAssociateAgreement | null;
  readonly changeApprovalRequired: boolean;
  readonly guardedOperations: readonly string[];
  readonly privilegedOperations: readonly string[];
  readonly erasureRequestCount: number;
  readonly updatedAt: string;
  readonly [field: string]: unknown;
}

/** id = erasedSubjectHash(tenantId, subjectId). */
export interface ComplianceErasureDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly requestedAt: string;
  readonly [field: string]: unknown;
}

export interface ChangeApprovalDocument {
  /** The approval id. */
  readonly id: string;
  readonly tenantId: string;
  readonly operation: string;
  readonly target: string | null;
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly status: 'PENDING' | 'APPROVED';
  readonly approvedBy: string | null;
  readonly approvedAt: string | null;
  readonly expiresAt: string | null;
  readonly [field: string]: unknown;
}

export const emptyComplianceProfile = (tenantId: string, updatedAt: string): ComplianceProfileDocument => ({
  id: tenantId,
  tenantId,
  permittedRegions: [],
  encryptionAtRest: false,
  businessAssociateAgreement: null,
  changeApprovalRequired: false,
  guardedOperations: [],
  privilegedOperations: [],
  erasureRequestCount: 0,
  updatedAt,
});
