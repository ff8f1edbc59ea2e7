import { dataOf } from '../support/gateway-client';
import { restClient } from '../support/rest-client';
import { createTestIdentityProvider, type TestIdentityProvider } from '../support/saml-identity-provider';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

const TRAIL = 'query ($t: ID!, $action: String) { auditTrail(tenantId: $t, filter: { action: $action }) { edges { node { sequence action target actor outcome details hash } } } }';

interface TrailEntry {
  sequence: number;
  action: string;
  target: string;
  actor: string;
  outcome: string;
  details: Record<string, unknown>;
  hash: string;
}

/** The seed's enterprise REST paths over the GraphQL operations: SAML sign-in, compliance checks, the audit log. */
describe('enterprise integration over REST', () => {
  const goliath = useTestPlatform({ env: { COMPLIANCE_FRAMEWORKS: 'GDPR,SOC2' } });
  const rest = restClient(goliath);
  let tenant: string;
  let idp: TestIdentityProvider;
  let analyst: string;

  const trail = async (action: string) => dataOf(await goliath.call<{ auditTrail: { edges: { node: TrailEntry }[] } }>(TRAIL, { t: tenant, action })).auditTrail.edges.map((edge) => edge.node);

  beforeAll(async () => {
    [tenant] = await goliath.createTenants('Signed');
    analyst = await goliath.token('ANALYST', tenant, 'ada');
    const origin = new URL(goliath.platform.gatewayUrl).origin;
    const serviceProvider = { entityId: `${origin}/auth/saml/${tenant}/metadata`, acsUrl: `${origin}/auth/saml/${tenant}/acs` };
    idp = await createTestIdentityProvider({ serviceProvider, ssoUrl: 'http://127.0.0.1:9/sso' });
    dataOf(
      await goliath.call('mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id } }', {
        input: {
          tenantId: tenant,
          name: 'Corporate SAML',
          type: 'SAML',
          saml: { idpEntityId: idp.entityId, ssoUrl: idp.ssoUrl, signingCertificates: [idp.certificatePem], spEntityId: serviceProvider.entityId, acsUrl: serviceProvider.acsUrl },
          roleMappings: [{ group: 'analysts', role: 'ANALYST' }],
        },
      }),
    );
  });

  it("signs in without a token from the seed's body (auth_type saml, assertion, issuer) and answers a platform token that works", async () => {
    const assertion = idp.signedResponse({ nameId: 'kay@example.com', attributes: { groups: ['analysts'] } });
    const answer = await rest('POST', '/phase2.1/enterprise/authenticate', { auth_type: 'saml', assertion, issuer: idp.entityId, tenant_id: tenant }, null);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ is_authenticated: true, roles: ['analyst'], access_token: expect.any(String), refresh_token: expect.any(String), session_id: expect.any(String) });
    // the session is the one GraphQL's authenticate opens: it lists, and its token is accepted
    const sessions = dataOf(await goliath.call<{ sessions: { nodes: { id: string }[] } }>('query ($t: ID!) { sessions(tenantId: $t) { nodes { id } } }', { t: tenant })).sessions.nodes;
    expect(sessions.map((session) => session.id)).toContain(answer.body.session_id);
    expect(dataOf(await goliath.call<{ problems: { edges: unknown[] } }>('query ($t: ID!) { problems(tenantId: $t) { edges { cursor } } }', { t: tenant }, answer.body.access_token)).problems.edges).toEqual([]);
    // and a replayed response is refused with its own code, as 401
    const replayed = await rest('POST', '/phase2.1/enterprise/authenticate', { auth_type: 'saml', assertion, tenant_id: tenant }, null);
    expect(replayed).toMatchObject({ status: 401, body: { error: { code: 'SAML_ASSERTION_REPLAYED' } } });
  });

  it("checks an operation's compliance from the seed's operation and data, as checkCompliance does, and audits the check", async () => {
    dataOf(await goliath.call('mutation ($t: ID!) { enableComplianceFramework(input: { tenantId: $t, frameworkType: GDPR, complianceLevel: "certified" }) { id } }', { t: tenant }));
    // The seed's data, passed through as JSON: personal data without a lawful basis is refused by GDPR.
    const data = { tenant_id: tenant, data_type: 'financial', personalData: true };
    const answer = await rest('POST', '/phase2.1/enterprise/compliance-check', { tenant_id: tenant, operation: 'financial_optimization', data }, analyst);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ is_compliant: false, evaluated_at: expect.any(String) });
    expect(answer.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ framework: 'gdpr', requirement: 'GDPR Art.6 lawful basis' })]));
    expect(await trail('enterprise.checkCompliance')).toEqual([expect.objectContaining({ actor: 'ada' })]);
  });

  it("appends the seed's audit_log entry to the tenant's chain, where the audit trail shows it", async () => {
    const answer = await rest('POST', '/phase2.1/enterprise/audit-log', { tenant_id: tenant, action: 'report.exported', target: 'report-7', details: { rows: 120, format: 'csv' } }, analyst);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ tenant_id: tenant, actor: 'ada', action: 'report.exported', target: 'report-7', details: { rows: 120, format: 'csv' }, correlation_id: answer.headers.get('x-correlation-id') });
    expect(await trail('report.exported')).toEqual([expect.objectContaining({ sequence: answer.body.sequence, hash: answer.body.hash, actor: 'ada', target: 'report-7' })]);
    // The seed's user_id has no counterpart (the actor is the token's subject): refused by name, not dropped.
    const claimed = await rest('POST', '/phase2.1/enterprise/audit-log', { tenant_id: tenant, user_id: 'someone-else', action: 'report.exported', target: 'report-8' }, analyst);
    expect(claimed).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', message: expect.stringContaining('Unknown field user_id') } } });
    expect(await trail('report.exported')).toHaveLength(1);
  });
});
