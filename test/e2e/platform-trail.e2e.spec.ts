import { dataOf, errorCodes } from '../support/gateway-client';
import { postAsGateway } from '../support/gateway-signed-request';
import { useTestPlatform } from '../support/test-platform';

const OPERATORS = 'operators-tenant';

/**
 * Calls without a verified caller are filed in the platform's trail, never in the tenant their
 * arguments name; platform administrators and the operators' auditors read that trail.
 */
describe("the platform's audit trail, through the gateway", () => {
  const goliath = useTestPlatform({ adminSubject: 'ada', env: { PLATFORM_OPERATOR_TENANT: OPERATORS } });
  const { call } = goliath;
  const qubo = { variables: ['a'], linear: [{ variable: 'a', coefficient: -1 }], quadratic: [] };
  const actions = async (tenantId: string, token: string) =>
    dataOf(await call<{ auditTrail: { edges: { node: { action: string; actor: string; outcome: string; details: { attemptedTenantId?: string } } }[] } }>(
      'query ($tenantId: ID!) { auditTrail(tenantId: $tenantId, first: 100) { edges { node { action actor outcome details } } } }',
      { tenantId },
      token,
    )).auditTrail.edges.map((edge) => edge.node);

  it("files an anonymous caller's refused change in the platform's trail, which the operators' auditors read and a tenant's do not", async () => {
    // given a tenant, and an auditor of it and of the operators' tenant
    const [tenantId] = await goliath.createTenants('Acme');
    const tenantAuditor = await goliath.token('AUDITOR', tenantId);
    const operatorsAuditor = await goliath.token('AUDITOR', OPERATORS);

    // when someone without a token refreshes a made-up session through the gateway, and a request without a token to change the tenant reaches a subgraph (as a gateway would send it)
    expect(errorCodes(await call('mutation { refreshSession(refreshToken: "made-up") { accessToken } }', {}, null))).toEqual(['UNAUTHENTICATED']);
    const createProblem = 'mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }';
    const anonymous = await postAsGateway(goliath.platform.keysDir, goliath.platform.subgraphUrls.optimization, createProblem, { variables: { input: { tenantId, name: 'anonymous', qubo } } });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);

    // then the tenant's trail does not hold it, the platform's does
    expect((await actions(tenantId, goliath.admin)).filter((entry) => entry.actor === 'anonymous')).toEqual([]);
    const platformTrail = await actions('platform', operatorsAuditor);
    expect(platformTrail).toContainEqual(expect.objectContaining({ action: 'enterprise.refreshSession', actor: 'anonymous', outcome: 'denied' }));
    expect(platformTrail).toContainEqual(expect.objectContaining({ action: 'optimization.createProblem', actor: 'anonymous', outcome: 'denied', details: expect.objectContaining({ attemptedTenantId: tenantId }) }));
    expect(await actions('platform', goliath.admin)).toEqual(platformTrail);
    expect(errorCodes(await call('query { auditTrail(tenantId: "platform") { edges { node { action } } } }', {}, tenantAuditor))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call('query { verifyAuditChain(tenantId: "platform") { valid } }', {}, operatorsAuditor))).toEqual([]);
  });
});
