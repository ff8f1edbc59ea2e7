import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Role } from '../../platform/auth/auth-context';
import { createPlatformTokenIssuer } from '../../platform/auth/token-issuer';
import { loadConfig } from '../../platform/config';
import { dataOf, errorCodes } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

interface Violation {
  framework: string;
  requirement: string;
  message: string;
}
interface CheckResult {
  isCompliant: boolean;
  violations: Violation[];
  evaluatedAt: string;
}

/** Compliance frameworks, checkCompliance and the guard on another subgraph's mutation, through the gateway. */
describe('compliance through the gateway', () => {
  const goliath = useTestPlatform({ adminSubject: 'ada', env: { COMPLIANCE_FRAMEWORKS: 'SOC2,ISO27001,GDPR,HIPAA' } });
  const { call } = goliath;
  let tenantId: string;
  let alice: string;
  let bob: string;
  let ssoAdmin: string;
  let outsider: string;

  const check = async (operation: string, checked: Record<string, unknown>, token = goliath.admin, timeoutMs?: number) =>
    call<{ checkCompliance: CheckResult }>(
      'mutation ($tenantId: ID!, $operation: String!, $data: JSON, $timeoutMs: Int) { checkCompliance(tenantId: $tenantId, operation: $operation, data: $data, timeoutMs: $timeoutMs) { isCompliant evaluatedAt violations { framework requirement message } } }',
      { tenantId, operation, data: checked, timeoutMs },
      token,
    );
  const verdict = async (operation: string, checked: Record<string, unknown>, token = goliath.admin) => dataOf(await check(operation, checked, token)).checkCompliance;
  const requirements = (result: CheckResult) => result.violations.map((violation) => violation.requirement);
  const updateProfile = async (input: Record<string, unknown>, token = goliath.admin) =>
    dataOf(
      await call<{ updateComplianceProfile: Record<string, unknown> }>(
        'mutation ($input: UpdateComplianceProfileInput!) { updateComplianceProfile(input: $input) { guardedOperations permittedRegions encryptionAtRest changeApprovalRequired erasureRequestCount businessAssociateAgreement { signedBy signedAt } } }',
        { input: { tenantId, ...input } },
        token,
      ),
    ).updateComplianceProfile;
  const requestApproval = async (operation: string, token: string, target?: string) =>
    dataOf(
      await call<{ requestChangeApproval: { id: string; status: string; requestedBy: string } }>(
        'mutation ($input: RequestChangeApprovalInput!) { requestChangeApproval(input: $input) { id status requestedBy } }',
        { input: { tenantId, operation, target, reason: 'the penalty is too low' } },
        token,
      ),
    ).requestChangeApproval;
  const approve = (approvalId: string, token: string) =>
    call<{ approveChange: { status: string; approvedBy: string; expiresAt: string } }>(
      'mutation ($tenantId: ID!, $approvalId: ID!) { approveChange(tenantId: $tenantId, approvalId: $approvalId) { status approvedBy expiresAt } }',
      { tenantId, approvalId },
      token,
    );

  /** A token as single sign-on would issue it (the identity providers come with their own work). */
  async function ssoToken(role: Role, subject: string): Promise<string> {
    const issue = await createPlatformTokenIssuer({ ...loadConfig(), keysDir: goliath.platform.keysDir });
    return issue({ subject, roles: [role], tenantId, authMethod: 'oidc' });
  }

  beforeAll(async () => {
    const [clinic, other] = await goliath.createTenants('Clinic', 'Other');
    tenantId = clinic;
    alice = await goliath.token('ANALYST', tenantId, 'alice');
    bob = await goliath.token('ANALYST', tenantId, 'bob');
    ssoAdmin = await ssoToken('TENANT_ADMIN', 'carol');
    outsider = await goliath.token('TENANT_ADMIN', other);
  });

  it('enables frameworks, lists them with their audit dates, and records an audit', async () => {
    const enable = (frameworkType: string, auditSchedule?: string) =>
      call<{ enableComplianceFramework: { id: string; frameworkType: string; status: string; requirements: string[]; nextAudit: string; lastAudit: string | null } }>(
        'mutation ($input: EnableComplianceFrameworkInput!) { enableComplianceFramework(input: $input) { id frameworkType status requirements nextAudit lastAudit } }',
        { input: { tenantId, frameworkType, complianceLevel: 'certified', auditSchedule } },
      );
    const gdpr = dataOf(await enable('GDPR', 'QUARTERLY')).enableComplianceFramework;
    expect(gdpr).toMatchObject({ frameworkType: 'GDPR', status: 'ACTIVE', lastAudit: null, requirements: ['GDPR Art.6 lawful basis', 'GDPR Art.44 transfers', 'GDPR Art.17 erasure'] });
    for (const type of ['HIPAA', 'SOC2', 'ISO27001']) dataOf(await enable(type));
    expect(errorCodes(await enable('GDPR'))).toEqual(['CONFLICT']);

    const frameworks = dataOf(await call<{ complianceFrameworks: { frameworkType: string; auditSchedule: string }[] }>('query ($tenantId: ID!) { complianceFrameworks(tenantId: $tenantId) { frameworkType auditSchedule } }', { tenantId })).complianceFrameworks;
    expect(frameworks).toEqual([
      { frameworkType: 'GDPR', auditSchedule: 'QUARTERLY' },
      { frameworkType: 'HIPAA', auditSchedule: 'ANNUAL' },
      { frameworkType: 'SOC2', auditSchedule: 'ANNUAL' },
      { frameworkType: 'ISO27001', auditSchedule: 'ANNUAL' },
    ]);

    const audited = dataOf(
      await call<{ recordComplianceAudit: { lastAudit: string; nextAudit: string } }>(
        'mutation ($tenantId: ID!, $id: ID!) { recordComplianceAudit(tenantId: $tenantId, frameworkId: $id, auditedAt: "2026-01-15T00:00:00Z") { lastAudit nextAudit } }',
        { tenantId, id: gdpr.id },
      ),
    ).recordComplianceAudit;
    expect(audited).toEqual({ lastAudit: '2026-01-15T00:00:00.000Z', nextAudit: '2026-04-15T00:00:00.000Z' });
  });

  it('GDPR: needs a lawful basis and a permitted region, and honours erasure requests', async () => {
    await updateProfile({ permittedRegions: ['EU'] });
    const lawful = { personalData: true, lawfulBasis: 'contract', processingRegion: 'eu', dataSubjectIds: ['ann@example.com'] };
    expect(await verdict('exportReport', lawful)).toMatchObject({ isCompliant: true, violations: [] });
    expect(requirements(await verdict('exportReport', { ...lawful, lawfulBasis: undefined }))).toEqual(['GDPR Art.6 lawful basis']);
    expect(requirements(await verdict('exportReport', { ...lawful, processingRegion: 'us-east-1' }))).toEqual(['GDPR Art.44 transfers']);

    const profile = dataOf(
      await call<{ recordErasureRequest: { erasureRequestCount: number } }>('mutation ($tenantId: ID!) { recordErasureRequest(tenantId: $tenantId, dataSubjectId: "ann@example.com") { erasureRequestCount } }', { tenantId }),
    ).recordErasureRequest;
    expect(profile).toEqual({ erasureRequestCount: 1 });
    expect(requirements(await verdict('exportReport', lawful))).toEqual(['GDPR Art.17 erasure']);
    expect(await verdict('exportReport', { ...lawful, dataSubjectIds: ['bob@example.com'] })).toMatchObject({ isCompliant: true });
  });

  it('HIPAA: PHI needs encryption at rest and a signed business associate agreement', async () => {
    expect(requirements(await verdict('createProblem', { classification: 'PHI' }))).toEqual(['HIPAA 164.312(a)(2)(iv) encryption', 'HIPAA 164.308(b) BAA']);
    const profile = await updateProfile({ encryptionAtRest: true, businessAssociateAgreement: { signedBy: 'Dana Scully', signedAt: '2026-01-02T00:00:00Z' } });
    expect(profile).toMatchObject({ encryptionAtRest: true, businessAssociateAgreement: { signedBy: 'Dana Scully', signedAt: '2026-01-02T00:00:00.000Z' } });
    expect(await verdict('createProblem', { classification: 'PHI' })).toMatchObject({ isCompliant: true });
  });

  it('SOC2: a change approved by the one who makes it is not approved; the requester cannot approve', async () => {
    await updateProfile({ changeApprovalRequired: true });
    expect(requirements(await verdict('updateConstraint', {}, alice))).toEqual(['SOC2 CC8.1 change approval']);
    const approval = await requestApproval('updateConstraint', alice);
    expect(approval).toMatchObject({ status: 'PENDING', requestedBy: 'alice' });
    const selfApproval = await approve(approval.id, alice);
    expect(errorCodes(selfApproval)).toEqual(['FORBIDDEN']);
    expect(selfApproval.errors?.[0].extensions?.reason).toBe('APPROVER_IS_REQUESTER');
    expect(dataOf(await approve(approval.id, bob)).approveChange).toMatchObject({ status: 'APPROVED', approvedBy: 'bob' });

    const byApprover = await verdict('updateConstraint', { changeApprovalId: approval.id }, bob);
    expect(byApprover.violations).toEqual([{ framework: 'SOC2', requirement: 'SOC2 CC8.1 change approval', message: expect.stringContaining('approver must be someone else') }]);
    expect(await verdict('updateConstraint', { changeApprovalId: approval.id }, alice)).toMatchObject({ isCompliant: true });
  });

  it('ISO27001: a privileged operation needs a single sign-on session, not a development token', async () => {
    const developmentSession = await verdict('updateComplianceProfile', {}, goliath.admin);
    expect(developmentSession.violations).toEqual([{ framework: 'ISO27001', requirement: 'ISO27001 A.5.15 access control', message: expect.stringContaining('a development session may not') }]);
    expect(await verdict('updateComplianceProfile', {}, ssoAdmin)).toMatchObject({ isCompliant: true });
  });

  it('refuses a guarded mutation in the optimization subgraph with COMPLIANCE_VIOLATION and stores nothing, then lets it through once compliant', async () => {
    const problemId = dataOf(
      await call<{ createProblem: { id: string } }>('mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }', {
        input: { tenantId, name: 'Shifts', qubo: { variables: ['a', 'b', 'c'], linear: [{ variable: 'a', coefficient: -1 }], quadratic: [] } },
      }, alice),
    ).createProblem.id;
    const constraintId = dataOf(
      await call<{ addConstraint: { id: string } }>('mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }', {
        input: { problemId, constraint: { kind: 'ONE_HOT', penaltyWeight: 4, variables: ['a', 'b', 'c'] } },
      }, alice),
    ).addConstraint.id;
    await updateProfile({ guardedOperations: ['updateConstraint'] }, ssoAdmin);

    const update = (token: string, headers: Record<string, string> = {}) =>
      call<{ updateConstraint: { penaltyWeight: number; version: number } }>(
        'mutation ($id: ID!) { updateConstraint(constraintId: $id, newParameters: { penaltyWeight: 9 }, evolutionReason: "violated in 3 of 5 solves") { penaltyWeight version } }',
        { id: constraintId },
        token,
        headers,
      );
    const penalty = async () =>
      dataOf(await call<{ constraints: { penaltyWeight: number; version: number }[] }>('query ($tenantId: ID!, $problemId: ID!) { constraints(tenantId: $tenantId, problemId: $problemId) { penaltyWeight version } }', { tenantId, problemId })).constraints[0];

    const refused = await update(alice);
    expect(errorCodes(refused)).toEqual(['COMPLIANCE_VIOLATION']);
    expect(refused.errors?.[0].extensions?.violations).toEqual([{ framework: 'SOC2', requirement: 'SOC2 CC8.1 change approval', message: expect.stringContaining('needs an approved change') }]);
    // a platform administrator's change is checked against the constraint's tenant too
    expect(errorCodes(await update(goliath.admin))).toEqual(['COMPLIANCE_VIOLATION']);
    expect(await penalty()).toEqual({ penaltyWeight: 4, version: 1 });

    const approval = await requestApproval('updateConstraint', alice, constraintId);
    dataOf(await approve(approval.id, bob));
    expect(dataOf(await update(alice, { 'Goliath-Change-Approval': approval.id })).updateConstraint).toEqual({ penaltyWeight: 9, version: 2 });
    expect(await penalty()).toEqual({ penaltyWeight: 9, version: 2 });
  });

  it('records every verdict as a ComplianceChecked event, without the ids of erased subjects', () => {
    const db = new Database(join(goliath.dataDir, 'goliath.db'), { readonly: true });
    try {
      const rows = db.prepare("SELECT data FROM es_events WHERE stream_id = ? AND type = 'ComplianceChecked'").all(`compliancecheck-${tenantId}`) as { data: string }[];
      const checks = rows.map((row) => JSON.parse(row.data) as { operation: string; isCompliant: boolean; trigger: string });
      expect(checks.filter((checked) => checked.trigger === 'guard').map((checked) => checked.isCompliant)).toEqual([false, false, true]);
      // the twelve checkCompliance calls of the tests above
      expect(checks.filter((checked) => checked.trigger === 'request')).toHaveLength(12);
      expect(rows.some((row) => row.data.includes('ann@example.com'))).toBe(false);
    } finally {
      db.close();
    }
  });

  it('answers COMPLIANCE_CHECK_TIMEOUT when the budget runs out, and refuses a budget out of range', async () => {
    const timedOut = await check('exportReport', { personalData: true }, goliath.admin, 0);
    expect(errorCodes(timedOut)).toEqual(['COMPLIANCE_CHECK_TIMEOUT']);
    expect(timedOut.errors?.[0].message).toMatch(/raise timeoutMs/i);
    expect(errorCodes(await check('exportReport', {}, goliath.admin, -1))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await check('drop table', {}, goliath.admin))).toEqual(['BAD_USER_INPUT']);
  });

  it("keeps another tenant out of the tenant's compliance", async () => {
    expect(errorCodes(await call('query ($tenantId: ID!) { complianceFrameworks(tenantId: $tenantId) { id } }', { tenantId }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call('query ($tenantId: ID!) { complianceProfile(tenantId: $tenantId) { guardedOperations } }', { tenantId }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await check('exportReport', {}, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call('mutation ($input: UpdateComplianceProfileInput!) { updateComplianceProfile(input: $input) { tenantId } }', { input: { tenantId, guardedOperations: [] } }, outsider))).toEqual(['FORBIDDEN']);
  });
});
