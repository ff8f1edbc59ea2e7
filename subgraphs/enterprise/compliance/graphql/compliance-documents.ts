import type { ChangeApprovalDocument, ComplianceFrameworkDocument, ComplianceProfileDocument } from '../../../../schema/read-models/compliance';
import { emptyComplianceProfile } from '../../../../schema/read-models/compliance';
import {
  ChangeApprovalStatus,
  type ChangeApproval,
  type ComplianceAuditSchedule,
  type ComplianceFramework,
  type ComplianceFrameworkStatus,
  type ComplianceFrameworkType,
  type ComplianceProfile,
} from './compliance-types';

export function toComplianceFramework(document: ComplianceFrameworkDocument): ComplianceFramework {
  return {
    id: document.id,
    tenantId: document.tenantId,
    frameworkType: document.frameworkType as ComplianceFrameworkType,
    complianceLevel: document.complianceLevel,
    requirements: [...document.requirements],
    auditSchedule: document.auditSchedule as ComplianceAuditSchedule,
    lastAudit: document.lastAudit,
    nextAudit: document.nextAudit,
    status: document.status as ComplianceFrameworkStatus,
    enabledAt: document.enabledAt,
    updatedAt: document.updatedAt,
  };
}

/** A tenant that never changed its compliance settings has the defaults and no update time. */
export function toComplianceProfile(tenantId: string, document: ComplianceProfileDocument | undefined): ComplianceProfile {
  const profile = document ?? emptyComplianceProfile(tenantId, '');
  return {
    tenantId,
    guardedOperations: [...profile.guardedOperations],
    permittedRegions: [...profile.permittedRegions],
    encryptionAtRest: profile.encryptionAtRest,
    businessAssociateAgreement: profile.businessAssociateAgreement,
    changeApprovalRequired: profile.changeApprovalRequired,
    privilegedOperations: [...profile.privilegedOperations],
    erasureRequestCount: profile.erasureRequestCount,
    updatedAt: document ? document.updatedAt : null,
  };
}

export function toChangeApproval(document: ChangeApprovalDocument, now: Date): ChangeApproval {
  const expired = document.status === 'APPROVED' && document.expiresAt !== null && new Date(document.expiresAt) <= now;
  return {
    id: document.id,
    tenantId: document.tenantId,
    operation: document.operation,
    target: document.target,
    reason: document.reason,
    requestedBy: document.requestedBy,
    requestedAt: document.requestedAt,
    status: expired ? ChangeApprovalStatus.EXPIRED : ChangeApprovalStatus[document.status],
    approvedBy: document.approvedBy,
    approvedAt: document.approvedAt,
    expiresAt: document.expiresAt,
  };
}
