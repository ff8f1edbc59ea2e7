import type { ComplianceRequest, EnabledFramework, FrameworkType, TenantComplianceProfile } from './compliance-request';
import { ComplianceCheckTimeoutError, evaluateCompliance } from './evaluate-compliance';
import { REQUIREMENT_CATALOG, requirementIds } from './requirement-catalog';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const TENANT: TenantComplianceProfile = {
  tenantId: 't1',
  permittedRegions: ['eu', 'de'],
  encryptionAtRest: true,
  businessAssociateAgreement: { signedBy: 'Dana Scully', signedAt: '2026-01-01T00:00:00.000Z' },
  changeApprovalRequired: true,
  guardedOperations: [],
  privilegedOperations: [],
};
const all = (...types: FrameworkType[]): EnabledFramework[] => types.map((frameworkType) => ({ frameworkType, requirements: requirementIds(frameworkType) }));

function request(overrides: Partial<ComplianceRequest> = {}): ComplianceRequest {
  return {
    operation: 'exportReport',
    data: {},
    actor: { subject: 'alice', roles: ['ANALYST'], authMethod: 'oidc' },
    tenant: TENANT,
    now: NOW,
    erasedSubjectIds: new Set(),
    ...overrides,
  };
}

const violationsOf = async (frameworks: EnabledFramework[], given: ComplianceRequest) =>
  (await evaluateCompliance(frameworks, given, 1000)).violations.map((violation) => violation.requirement);

describe('evaluateCompliance', () => {
  it('answers compliant with no violations when nothing applies, stamped with the request time', async () => {
    await expect(evaluateCompliance(all('SOC2', 'ISO27001', 'GDPR', 'HIPAA'), request(), 1000)).resolves.toEqual({ isCompliant: true, violations: [], evaluatedAt: NOW.toISOString() });
  });

  describe('GDPR', () => {
    const gdpr = all('GDPR');
    it('accepts personal data with a lawful basis in a permitted region', async () => {
      expect(await violationsOf(gdpr, request({ data: { personalData: true, lawfulBasis: 'contract', processingRegion: 'EU' } }))).toEqual([]);
    });
    it('refuses personal data without a lawful basis (Art.6) and outside the permitted regions (Art.44)', async () => {
      const result = await evaluateCompliance(gdpr, request({ data: { personalData: true, lawfulBasis: 'because', processingRegion: 'us-east-1' } }), 1000);
      expect(result.isCompliant).toBe(false);
      expect(result.violations).toEqual([
        { framework: 'GDPR', requirement: 'GDPR Art.6 lawful basis', message: expect.stringContaining('data.lawfulBasis') },
        { framework: 'GDPR', requirement: 'GDPR Art.44 transfers', message: expect.stringContaining('us-east-1 is not permitted') },
      ]);
    });
    it('treats named data subjects as personal data, and refuses those who asked to be erased (Art.17) without naming them', async () => {
      const data = { dataSubjectIds: ['ann@example.com', 'bob@example.com'], lawfulBasis: 'consent', processingRegion: 'de' };
      const result = await evaluateCompliance(gdpr, request({ data, erasedSubjectIds: new Set(['bob@example.com']) }), 1000);
      expect(result.violations).toEqual([{ framework: 'GDPR', requirement: 'GDPR Art.17 erasure', message: expect.stringMatching(/^1 of the data subjects/) }]);
      expect(JSON.stringify(result)).not.toContain('bob@example.com');
    });
    it('needs a processing region at all', async () => {
      expect(await violationsOf(gdpr, request({ data: { personalData: true, lawfulBasis: 'consent' } }))).toEqual(['GDPR Art.44 transfers']);
    });
  });

  describe('HIPAA', () => {
    const hipaa = all('HIPAA');
    it('refuses PHI without encryption at rest and without a business associate agreement', async () => {
      const tenant = { ...TENANT, encryptionAtRest: false, businessAssociateAgreement: undefined };
      expect(await violationsOf(hipaa, request({ tenant, data: { classification: 'PHI' } }))).toEqual(['HIPAA 164.312(a)(2)(iv) encryption', 'HIPAA 164.308(b) BAA']);
    });
    it('accepts PHI once both are in place, and ignores data that is not PHI', async () => {
      expect(await violationsOf(hipaa, request({ data: { classification: 'PHI' } }))).toEqual([]);
      expect(await violationsOf(hipaa, request({ tenant: { ...TENANT, encryptionAtRest: false }, data: { classification: 'internal' } }))).toEqual([]);
    });
  });

  describe('SOC2 change approval', () => {
    const soc2 = all('SOC2');
    const approved = { approvalId: 'a1', operation: 'updateConstraint', requestedBy: 'alice', status: 'APPROVED' as const, approvedBy: 'bob', expiresAt: '2026-03-02T00:00:00.000Z' };
    const change = (overrides: Partial<ComplianceRequest>) => request({ operation: 'updateConstraint', data: { constraintId: 'c1', changeApprovalId: 'a1' }, changeApproval: approved, ...overrides });

    it('lets a change through with another user’s approval', async () => {
      expect(await violationsOf(soc2, change({}))).toEqual([]);
    });
    it.each([
      ['no approval named', change({ data: { constraintId: 'c1' }, changeApproval: undefined }), /needs an approved change/],
      ['an unknown approval', change({ changeApproval: undefined }), /does not exist/],
      ['an approval for another operation', change({ changeApproval: { ...approved, operation: 'removeConstraint' } }), /is for removeConstraint/],
      ['an approval for another target', change({ changeApproval: { ...approved, target: 'c9' } }), /is for c9 only/],
      ['a pending approval', change({ changeApproval: { ...approved, status: 'PENDING', approvedBy: undefined } }), /waiting for an approver/],
      ['an expired approval', change({ now: new Date('2026-03-02T00:00:00.000Z') }), /expired/],
      ['an approval by the one making the change', change({ actor: { subject: 'bob', roles: ['ANALYST'], authMethod: 'oidc' } }), /approver must be someone else/],
    ])('refuses %s', async (_case, given, message) => {
      const result = await evaluateCompliance(soc2, given, 1000);
      expect(result.violations).toEqual([{ framework: 'SOC2', requirement: 'SOC2 CC8.1 change approval', message: expect.stringMatching(message) }]);
    });
    it('applies only to constraint and scaling-policy changes, and only when the tenant requires approval', async () => {
      expect(await violationsOf(soc2, request({ operation: 'createProblem' }))).toEqual([]);
      // An evolution under approval only proposes; approveEvolution by someone else is its approval.
      expect(await violationsOf(soc2, request({ operation: 'evolveConstraints' }))).toEqual([]);
      expect(await violationsOf(soc2, request({ operation: 'updateConstraint', tenant: { ...TENANT, changeApprovalRequired: false } }))).toEqual([]);
      expect(await violationsOf(soc2, request({ operation: 'updateScalingPolicy' }))).toEqual(['SOC2 CC8.1 change approval']);
    });
  });

  describe('ISO27001 access control', () => {
    const iso = all('ISO27001');
    it('refuses a privileged operation from a development token, accepts a session from the tenant’s identity provider', async () => {
      for (const authMethod of ['development']) {
        expect(await violationsOf(iso, request({ operation: 'updateComplianceProfile', actor: { subject: 'a', roles: ['TENANT_ADMIN'], authMethod } }))).toEqual(['ISO27001 A.5.15 access control']);
      }
      for (const authMethod of ['saml', 'oidc', 'ldap']) {
        expect(await violationsOf(iso, request({ operation: 'updateComplianceProfile', actor: { subject: 'a', roles: ['TENANT_ADMIN'], authMethod } }))).toEqual([]);
      }
    });
    it('counts role grants and identity provider changes as privileged', async () => {
      const admin = { subject: 'a', roles: ['TENANT_ADMIN'], authMethod: 'development' };
      for (const operation of ['grantRole', 'revokeRole', 'configureIdentityProvider', 'removeIdentityProvider', 'revokeSession']) {
        expect(await violationsOf(iso, request({ operation, actor: admin }))).toEqual(['ISO27001 A.5.15 access control']);
      }
    });
    it('counts the tenant’s own privileged operations too', async () => {
      const developer = { subject: 'd', roles: ['DEVELOPER'], authMethod: 'development' };
      expect(await violationsOf(iso, request({ operation: 'createProblem', actor: developer }))).toEqual([]);
      expect(await violationsOf(iso, request({ operation: 'createProblem', actor: developer, tenant: { ...TENANT, privilegedOperations: ['createProblem'] } }))).toEqual(['ISO27001 A.5.15 access control']);
    });
  });

  it('evaluates only the requirements the tenant enabled', async () => {
    const data = { personalData: true, processingRegion: 'us' };
    expect(await violationsOf([{ frameworkType: 'GDPR', requirements: ['GDPR Art.44 transfers'] }], request({ data }))).toEqual(['GDPR Art.44 transfers']);
  });

  it('runs frameworks in parallel and times out when a rule is slower than the budget', async () => {
    const slow = (ms: number) => ({ id: 'slow', framework: 'SOC2' as const, evaluate: () => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms)) });
    const catalog = { ...REQUIREMENT_CATALOG, SOC2: [slow(80)], ISO27001: [{ ...slow(80), framework: 'ISO27001' as const }] };
    const frameworks: EnabledFramework[] = [
      { frameworkType: 'SOC2', requirements: ['slow'] },
      { frameworkType: 'ISO27001', requirements: ['slow'] },
    ];
    // one after the other they would need 160 ms
    await expect(evaluateCompliance(frameworks, request(), 150, catalog)).resolves.toMatchObject({ isCompliant: true });
    await expect(evaluateCompliance(frameworks, request(), 20, catalog)).rejects.toBeInstanceOf(ComplianceCheckTimeoutError);
  });

  it('counts a verdict that arrives after the budget as a timeout, so a budget of 0 ms always times out', async () => {
    await expect(evaluateCompliance(all('GDPR'), request(), 0)).rejects.toThrow('did not finish within 0 ms');
  });
});
