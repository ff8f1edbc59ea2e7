import type { ComplianceQuestion } from '../../platform/compliance/compliance-catalog';
import type { ReadStore } from '../../platform/readstore/port';
import {
  CHANGE_APPROVALS_COLLECTION,
  COMPLIANCE_ERASURES_COLLECTION,
  COMPLIANCE_FRAMEWORKS_COLLECTION,
  COMPLIANCE_PROFILES_COLLECTION,
  type ChangeApprovalDocument,
  type ComplianceFrameworkDocument,
  type ComplianceProfileDocument,
} from '../read-models/compliance';
import { dataSubjectIds, DATA_FIELDS, isFrameworkType, type ChangeApprovalRecord, type ComplianceRequest, type EnabledFramework, type TenantComplianceProfile } from './compliance-request';
import { erasedSubjectHash } from './subject-hash';
import { SOC2_CHANGE_APPROVAL } from './soc2-requirements';

/** A tenant has at most one framework of each type, so this bounds the list. */
const MAX_FRAMEWORKS = 50;
/** The read store's largest page. */
const READ_PAGE_SIZE = 1000;

export async function loadComplianceProfile(readStore: ReadStore, tenantId: string): Promise<ComplianceProfileDocument | undefined> {
  return readStore.collection<ComplianceProfileDocument>(COMPLIANCE_PROFILES_COLLECTION).get(tenantId);
}

/** The tenant's frameworks that are in force (status ACTIVE). */
export async function loadActiveFrameworks(readStore: ReadStore, tenantId: string): Promise<EnabledFramework[]> {
  const page = await readStore.collection<ComplianceFrameworkDocument>(COMPLIANCE_FRAMEWORKS_COLLECTION).find({ where: { tenantId, status: 'ACTIVE' }, first: MAX_FRAMEWORKS });
  return page.items.flatMap((framework) => (isFrameworkType(framework.frameworkType) ? [{ frameworkType: framework.frameworkType, requirements: framework.requirements }] : []));
}

/** Looks up what the rules need from the read models, so that the rules themselves stay pure. */
export async function resolveComplianceRequest(readStore: ReadStore, question: ComplianceQuestion<ComplianceProfileDocument>): Promise<ComplianceRequest> {
  const { tenantId, data } = question;
  const profile = question.profile ?? (await loadComplianceProfile(readStore, tenantId));
  const [erasedSubjectIds, changeApproval] = await Promise.all([erasedSubjects(readStore, tenantId, dataSubjectIds(data)), namedApproval(readStore, tenantId, data)]);
  return {
    operation: question.operation,
    data,
    actor: question.actor,
    tenant: toTenantProfile(tenantId, profile),
    now: question.now,
    erasedSubjectIds,
    changeApproval,
  };
}

function toTenantProfile(tenantId: string, profile: ComplianceProfileDocument | undefined): TenantComplianceProfile {
  return {
    tenantId,
    permittedRegions: profile?.permittedRegions ?? [],
    encryptionAtRest: profile?.encryptionAtRest ?? false,
    businessAssociateAgreement: profile?.businessAssociateAgreement ?? undefined,
    changeApprovalRequired: profile?.changeApprovalRequired ?? false,
    guardedOperations: profile?.guardedOperations ?? [],
    privilegedOperations: profile?.privilegedOperations ?? [],
  };
}

async function erasedSubjects(readStore: ReadStore, tenantId: string, subjectIds: readonly string[]): Promise<ReadonlySet<string>> {
  const byHash = new Map(subjectIds.map((id) => [erasedSubjectHash(tenantId, id), id]));
  const hashes = [...byHash.keys()];
  const erasures = readStore.collection(COMPLIANCE_ERASURES_COLLECTION);
  const erased = new Set<string>();
  for (let start = 0; start < hashes.length; start += READ_PAGE_SIZE) {
    const chunk = hashes.slice(start, start + READ_PAGE_SIZE);
    const page = await erasures.find({ where: { tenantId, id: { in: chunk } }, first: chunk.length });
    for (const erasure of page.items) erased.add(byHash.get(erasure.id) as string);
  }
  return erased;
}

async function namedApproval(readStore: ReadStore, tenantId: string, data: Readonly<Record<string, unknown>>): Promise<ChangeApprovalRecord | undefined> {
  const approvalId = data[DATA_FIELDS.changeApprovalId];
  if (typeof approvalId !== 'string' || approvalId === '') return undefined;
  const approval = await readStore.collection<ChangeApprovalDocument>(CHANGE_APPROVALS_COLLECTION).get(approvalId);
  if (!approval || approval.tenantId !== tenantId) return undefined;
  return {
    approvalId,
    operation: approval.operation,
    target: approval.target ?? undefined,
    requestedBy: approval.requestedBy,
    status: approval.status,
    approvedBy: approval.approvedBy ?? undefined,
    expiresAt: approval.expiresAt ?? undefined,
  };
}

/**
 * Whether the tenant's changes need someone else's approval (SOC2 CC8.1 in force and the profile
 * asking for it): then evolveConstraints proposes instead of applying.
 */
export async function requiresChangeApproval(readStore: ReadStore, tenantId: string): Promise<boolean> {
  const [profile, frameworks] = await Promise.all([loadComplianceProfile(readStore, tenantId), loadActiveFrameworks(readStore, tenantId)]);
  return (profile?.changeApprovalRequired ?? false) && frameworks.some((framework) => framework.frameworkType === 'SOC2' && framework.requirements.includes(SOC2_CHANGE_APPROVAL));
}
