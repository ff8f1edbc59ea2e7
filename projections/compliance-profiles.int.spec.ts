import { describeProjection, stream } from '../test/support/projection-spec';
import { changeApprovalStreamId, complianceStreamId, type ChangeApprovalEvent, type ComplianceEvent, type ComplianceProfileUpdated } from '../schema/events';
import { CHANGE_APPROVALS_COLLECTION, COMPLIANCE_ERASURES_COLLECTION, COMPLIANCE_FRAMEWORKS_COLLECTION, COMPLIANCE_PROFILES_COLLECTION, emptyComplianceProfile, type ChangeApprovalDocument, type ComplianceFrameworkDocument } from '../schema/read-models/compliance';
import { complianceProjection } from './compliance-profiles';

const t1 = '2026-07-01T09:00:00.000Z';
const t2 = '2026-07-02T09:00:00.000Z';
const t3 = '2026-07-03T09:00:00.000Z';
const nextQuarter = '2026-10-01T09:00:00.000Z';
const nextYear = '2027-07-01T09:00:00.000Z';

type ProfileSettings = Omit<ComplianceProfileUpdated['data'], 'tenantId' | 'updatedAt'>;

function compliance(tenantId: string) {
  const event = stream<ComplianceEvent>(complianceStreamId(tenantId), tenantId);
  return {
    frameworkEnabled: (frameworkId: string, enabledAt: string) =>
      event({
        type: 'ComplianceFrameworkEnabled',
        data: { tenantId, frameworkId, frameworkType: 'SOC2', complianceLevel: 'type-1', requirements: ['CC6.1'], auditSchedule: 'QUARTERLY', nextAudit: nextQuarter, enabledAt },
      }),
    frameworkUpdated: (frameworkId: string, updatedAt: string) =>
      event({
        type: 'ComplianceFrameworkUpdated',
        data: { tenantId, frameworkId, complianceLevel: 'type-2', requirements: ['CC6.1', 'CC8.1'], auditSchedule: 'ANNUAL', status: 'SUSPENDED', nextAudit: nextYear, updatedAt },
      }),
    auditRecorded: (frameworkId: string, recordedAt: string) =>
      event({ type: 'ComplianceAuditRecorded', data: { tenantId, frameworkId, lastAudit: recordedAt, nextAudit: nextYear, recordedAt } }),
    profileUpdated: (settings: ProfileSettings, updatedAt: string) => event({ type: 'ComplianceProfileUpdated', data: { tenantId, ...settings, updatedAt } }),
    erasureRequested: (subjectHash: string, requestedAt: string) =>
      event({ type: 'ErasureRequestRecorded', data: { tenantId, subjectHash, requestedAt } }),
  };
}

function changeApproval(approvalId: string, tenantId: string) {
  const event = stream<ChangeApprovalEvent>(changeApprovalStreamId(approvalId), tenantId);
  return {
    requested: () =>
      event({
        type: 'ChangeApprovalRequested',
        data: { tenantId, approvalId, operation: 'updateConstraint', target: 'constraint-c1', reason: 'raise the penalty', requestedBy: 'user:alice', requestedAt: t1 },
      }),
    approved: () => event({ type: 'ChangeApproved', data: { tenantId, approvalId, approvedBy: 'user:bob', approvedAt: t2, expiresAt: t3 } }),
  };
}

const acme = compliance('acme');
const globex = compliance('globex');
const hipaaReady: ProfileSettings = {
  permittedRegions: ['eu-west-1'],
  encryptionAtRest: true,
  businessAssociateAgreement: { signedBy: 'Acme legal', signedAt: t1 },
  changeApprovalRequired: true,
  guardedOperations: ['updateConstraint'],
  privilegedOperations: ['exportAuditTrail'],
};
const enabledFramework: ComplianceFrameworkDocument = {
  id: 'f1',
  tenantId: 'acme',
  frameworkType: 'SOC2',
  complianceLevel: 'type-1',
  requirements: ['CC6.1'],
  auditSchedule: 'QUARTERLY',
  lastAudit: null,
  nextAudit: nextQuarter,
  status: 'ACTIVE',
  enabledAt: t1,
  updatedAt: t1,
};

describeProjection(complianceProjection, (spec) => {
  it("enables a framework, opening the tenant's profile with the defaults", () => {
    return spec.when(acme.frameworkEnabled('f1', t1)).then({
      [COMPLIANCE_FRAMEWORKS_COLLECTION]: [enabledFramework],
      [COMPLIANCE_PROFILES_COLLECTION]: [emptyComplianceProfile('acme', t1)],
    });
  });

  it('updates a framework and records its audits', () => {
    return spec
      .given(acme.frameworkEnabled('f1', t1), globex.frameworkEnabled('f2', t1))
      .when(acme.frameworkUpdated('f1', t2), acme.auditRecorded('f1', t3))
      .then({
        [COMPLIANCE_FRAMEWORKS_COLLECTION]: {
          f1: { ...enabledFramework, complianceLevel: 'type-2', requirements: ['CC6.1', 'CC8.1'], auditSchedule: 'ANNUAL', status: 'SUSPENDED', lastAudit: t3, nextAudit: nextYear, updatedAt: t3 },
          f2: { ...enabledFramework, id: 'f2', tenantId: 'globex' },
        },
      });
  });

  it("replaces the tenant's settings, keeping its count of erasure requests", () => {
    return spec
      .given(acme.erasureRequested('subject-1', t1), globex.frameworkEnabled('f2', t1))
      .when(acme.profileUpdated(hipaaReady, t2))
      .then({
        [COMPLIANCE_PROFILES_COLLECTION]: [
          { ...emptyComplianceProfile('acme', t1), ...hipaaReady, erasureRequestCount: 1, updatedAt: t2 },
          emptyComplianceProfile('globex', t1),
        ],
      });
  });

  it("records erased subjects and counts them in the tenant's own profile", () => {
    return spec
      .given(acme.profileUpdated(hipaaReady, t1), globex.erasureRequested('subject-9', t1))
      .when(acme.erasureRequested('subject-1', t2), acme.erasureRequested('subject-2', t3))
      .then({
        [COMPLIANCE_ERASURES_COLLECTION]: [
          { id: 'subject-1', tenantId: 'acme', requestedAt: t2 },
          { id: 'subject-2', tenantId: 'acme', requestedAt: t3 },
          { id: 'subject-9', tenantId: 'globex', requestedAt: t1 },
        ],
        [COMPLIANCE_PROFILES_COLLECTION]: {
          acme: { ...emptyComplianceProfile('acme', t1), ...hipaaReady, erasureRequestCount: 2 },
          globex: { ...emptyComplianceProfile('globex', t1), erasureRequestCount: 1 },
        },
      });
  });

  it('keeps a change approval pending until it is approved', () => {
    const pending: ChangeApprovalDocument = {
      id: 'a1',
      tenantId: 'acme',
      operation: 'updateConstraint',
      target: 'constraint-c1',
      reason: 'raise the penalty',
      requestedBy: 'user:alice',
      requestedAt: t1,
      status: 'PENDING',
      approvedBy: null,
      approvedAt: null,
      expiresAt: null,
    };
    return spec
      .given(changeApproval('a1', 'acme').requested(), changeApproval('a2', 'globex').requested())
      .when(changeApproval('a1', 'acme').approved())
      .then({
        [CHANGE_APPROVALS_COLLECTION]: {
          a1: { ...pending, status: 'APPROVED', approvedBy: 'user:bob', approvedAt: t2, expiresAt: t3 },
          a2: { ...pending, id: 'a2', tenantId: 'globex' },
        },
      });
  });
});
