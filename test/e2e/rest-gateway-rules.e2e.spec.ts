import { dataOf } from '../support/gateway-client';
import { restClient } from '../support/rest-client';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

/** The REST endpoints are GraphQL operations of the gateway: the same budgets and the same API versions apply to them. */
describe('the gateway rules on the REST endpoints', () => {
  const goliath = useTestPlatform({ env: { RATE_LIMIT_USER_POINTS: '3', RATE_LIMIT_DURATION_SECONDS: '60' } });
  const rest = restClient(goliath);
  let tenant: string;
  let analyst: string;
  const record = (target: string) => rest('POST', '/phase2.1/enterprise/audit-log', { tenant_id: tenant, action: 'report.exported', target }, analyst);

  beforeAll(async () => {
    [tenant] = await goliath.createTenants('Acme');
    analyst = await goliath.token('ANALYST', tenant, 'ada');
  });

  it("draws from the caller's rate-limit budget shared with GraphQL, and answers 429 with RATE_LIMITED and Retry-After when it is spent", async () => {
    // given two of the caller's three points spent over GraphQL and one over REST
    for (let i = 0; i < 2; i++) dataOf(await goliath.call('query ($t: ID!) { problems(tenantId: $t) { edges { cursor } } }', { t: tenant }, analyst));
    expect((await record('report-1')).status).toBe(200);
    // when the caller posts again, then the budget is spent
    const refused = await record('report-2');
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } } } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses an API version the gateway does not serve, as /graphql does', async () => {
    const response = await fetch(new URL('/phase2.1/constraints/evolution-history', goliath.platform.gatewayUrl), { headers: { authorization: `Bearer ${goliath.admin}`, 'goliath-api-version': '99' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'UNSUPPORTED_API_VERSION' } });
  });
});

/** In trusted-documents mode only registered documents run: the REST endpoints' own documents are among them. */
describe('the REST endpoints with TRUSTED_DOCUMENTS=enforce', () => {
  const goliath = useTestPlatform({ env: { TRUSTED_DOCUMENTS: 'enforce' } });
  const rest = restClient(goliath);

  it('still serve, while a document of their operation sent to /graphql unregistered is refused', async () => {
    // (no tenant can be created: createTenant's document is not registered either)
    const tenant = 'acme';
    const answer = await rest('GET', '/phase2.1/constraints/evolution-history', { tenant_id: tenant });
    expect(answer).toMatchObject({ status: 200, body: [] });
    const unregistered = await goliath.call('query ($t: ID) { constraintEvolutionHistory(tenantId: $t) { evolutionId } }', { t: tenant });
    expect(unregistered.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_TRUSTED');
  });
});
