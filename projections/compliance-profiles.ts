import type { ChangeApprovalEvent, ComplianceEvent } from '../schema/events';
import { CHANGE_APPROVAL_CATEGORY, COMPLIANCE_CATEGORY } from '../schema/events';
import {
  CHANGE_APPROVALS_COLLECTION,
  COMPLIANCE_ERASURES_COLLECTION,
  COMPLIANCE_FRAMEWORKS_COLLECTION,
  COMPLIANCE_PROFILES_COLLECTION,
  emptyComplianceProfile,
  type ChangeApprovalDocument,
  type ComplianceErasureDocument,
  type ComplianceFrameworkDocument,
  type ComplianceProfileDocument,
} from '../schema/read-models/compliance';
import type { Projection, ProjectionContext } from './projection';

/** A tenant's frameworks, compliance profile, erased subjects and change approvals, read by every subgraph's guard. */
export const complianceProjection: Projection = {
  name: 'compliance',
  collections: [
    { name: COMPLIANCE_FRAMEWORKS_COLLECTION, indexes: ['tenantId', 'frameworkType', 'status', 'nextAudit', 'enabledAt'] },
    { name: COMPLIANCE_PROFILES_COLLECTION, indexes: ['updatedAt'] },
    { name: COMPLIANCE_ERASURES_COLLECTION, indexes: ['tenantId'] },
    { name: CHANGE_APPROVALS_COLLECTION, indexes: ['tenantId', 'status', 'requestedAt'] },
  ],
  filter: { categories: [COMPLIANCE_CATEGORY, CHANGE_APPROVAL_CATEGORY] },
  async handle(recorded, context) {
    const event = recorded as unknown as ComplianceEvent | ChangeApprovalEvent;
    switch (event.type) {
      case 'ComplianceFrameworkEnabled': {
        const { frameworkId, enabledAt, ...fields } = event.data;
        const document: ComplianceFrameworkDocument = { id: frameworkId, ...fields, lastAudit: null, status: 'ACTIVE', enabledAt, updatedAt: enabledAt };
        context.upsert(COMPLIANCE_FRAMEWORKS_COLLECTION, document);
        await ensureProfile(context, event.data.tenantId, enabledAt);
        return;
      }
      case 'ComplianceFrameworkUpdated': {
        const { frameworkId, tenantId: _tenantId, ...fields } = event.data;
        context.patch(COMPLIANCE_FRAMEWORKS_COLLECTION, frameworkId, fields);
        return;
      }
      case 'ComplianceAuditRecorded':
        context.patch(COMPLIANCE_FRAMEWORKS_COLLECTION, event.data.frameworkId, {
          lastAudit: event.data.lastAudit,
          nextAudit: event.data.nextAudit,
          updatedAt: event.data.recordedAt,
        });
        return;
      case 'ComplianceProfileUpdated': {
        const profile = await ensureProfile(context, event.data.tenantId, event.data.updatedAt);
        context.upsert(COMPLIANCE_PROFILES_COLLECTION, { ...profile, ...event.data, id: event.data.tenantId });
        return;
      }
      case 'ErasureRequestRecorded': {
        const erasure: ComplianceErasureDocument = { id: event.data.subjectHash, tenantId: event.data.tenantId, requestedAt: event.data.requestedAt };
        context.upsert(COMPLIANCE_ERASURES_COLLECTION, erasure);
        const profile = await ensureProfile(context, event.data.tenantId, event.data.requestedAt);
        context.patch(COMPLIANCE_PROFILES_COLLECTION, profile.id, { erasureRequestCount: profile.erasureRequestCount + 1 });
        return;
      }
      case 'ChangeApprovalRequested': {
        const { approvalId, ...fields } = event.data;
        const document: ChangeApprovalDocument = { id: approvalId, ...fields, status: 'PENDING', approvedBy: null, approvedAt: null, expiresAt: null };
        context.upsert(CHANGE_APPROVALS_COLLECTION, document);
        return;
      }
      case 'ChangeApproved':
        context.patch(CHANGE_APPROVALS_COLLECTION, event.data.approvalId, {
          status: 'APPROVED',
          approvedBy: event.data.approvedBy,
          approvedAt: event.data.approvedAt,
          expiresAt: event.data.expiresAt,
        });
        return;
    }
  },
};

/** The profile document, created with the defaults on a tenant's first compliance event. */
async function ensureProfile(context: ProjectionContext, tenantId: string, at: string): Promise<ComplianceProfileDocument> {
  const existing = await context.get<ComplianceProfileDocument>(COMPLIANCE_PROFILES_COLLECTION, tenantId);
  if (existing) return existing;
  const created = emptyComplianceProfile(tenantId, at);
  context.upsert(COMPLIANCE_PROFILES_COLLECTION, created);
  return created;
}
