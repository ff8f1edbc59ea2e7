import { errorCodes, type GraphQLResponse } from '../support/gateway-client';
import { postAsGateway } from '../support/gateway-signed-request';
import { useTestPlatform, type TestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

/**
 * Issue 9, section 7: errors say what happened and leak nothing. Stack traces only when a
 * developer asks (GOLIATH_DEBUG_ERRORS=1), never because NODE_ENV is unset; no "Did you mean"
 * hints in production; no X-Powered-By; a documented code for what the client got wrong.
 */
const post = async (goliath: TestPlatform, body: Record<string, unknown>, token: string | null = goliath.admin) => {
  const response = await fetch(goliath.platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse };
};
const stackTraces = (response: GraphQLResponse) => (response.errors ?? []).filter((error) => error.extensions && 'stacktrace' in error.extensions);
const MISSING_PROBLEM = 'query { problem(id: "no-such-problem") { id } }';
const MISSPELT = '{ tenantz { totalCount } }';

/** Without NODE_ENV at all, as a process started by hand has it (jest's own NODE_ENV=test is taken away while the platform starts). */
function withoutNodeEnv(): void {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
  });
  afterAll(() => {
    if (saved !== undefined) process.env.NODE_ENV = saved;
  });
}

describe('error answers without NODE_ENV and without GOLIATH_DEBUG_ERRORS', () => {
  withoutNodeEnv();
  const goliath = useTestPlatform();

  it('carry no stack trace, at the gateway or at a subgraph', async () => {
    const atGateway = await post(goliath, { query: MISSING_PROBLEM });
    expect(errorCodes(atGateway.body)).toEqual(['NOT_FOUND']);
    const atSubgraph = await postAsGateway(goliath.platform.keysDir, goliath.platform.subgraphUrls.optimization, MISSING_PROBLEM, { token: goliath.admin });
    expect(errorCodes(atSubgraph)).toEqual(['NOT_FOUND']);
    const invalid = await post(goliath, { query: MISSPELT });
    for (const response of [atGateway.body, atSubgraph, invalid.body]) expect(stackTraces(response)).toEqual([]);
    expect(JSON.stringify([atGateway.body, atSubgraph, invalid.body])).not.toMatch(/\.ts:\d+|node_modules/);
  });

  it('keep "Did you mean" hints outside production', async () => {
    expect((await post(goliath, { query: MISSPELT })).body.errors?.[0]?.message).toMatch(/Did you mean "tenant" or "tenants"\?/);
  });

  it('sends no X-Powered-By from the gateway or a subgraph', async () => {
    const responses = [
      await fetch(goliath.platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }),
      await fetch(new URL('/health', goliath.platform.gatewayUrl)),
      await fetch(new URL('/playground', goliath.platform.gatewayUrl)),
      ...Object.values(goliath.platform.subgraphUrls).flatMap((url) => [fetch(url, { method: 'POST' }), fetch(new URL('/health', url))]),
    ];
    const settled = await Promise.all(responses);
    expect(settled.map((response) => response.headers.get('x-powered-by'))).toEqual(settled.map(() => null));
  });

  it('answers an operationName the document does not have with HTTP 400 and OPERATION_RESOLUTION_FAILURE, not a 500', async () => {
    for (const [query, operationName] of [
      ['query A { __typename }', 'B'],
      ['query A { __typename } query B { __typename }', undefined],
    ] as const) {
      const answer = await post(goliath, { query, operationName });
      expect(answer.status).toBe(400);
      expect(errorCodes(answer.body)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
      expect(answer.body.errors?.[0]?.message).toMatch(/operationName/);
    }
  });

  it('refuses a DateTime it cannot read with BAD_USER_INPUT naming the argument, whether written inline or in a variable', async () => {
    const [tenantId] = await goliath.createTenants('Dates');
    const inline = await goliath.call(`{ replayAudit(tenantId: "${tenantId}", asOf: "yesterday") { eventCount } }`);
    const variable = await goliath.call('query ($asOf: DateTime) { replayAudit(tenantId: "' + tenantId + '", asOf: $asOf) { eventCount } }', { asOf: '2026-13-45T99:00:00Z' });
    for (const answer of [inline, variable]) {
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors?.[0]?.extensions?.field).toBe('asOf');
      expect(answer.errors?.[0]?.message).toMatch(/^asOf is not a date-time .*ISO 8601/);
      expect(JSON.stringify(answer)).not.toMatch(/127\.0\.0\.1|"response"/);
    }
    const valid = await goliath.call<{ replayAudit: { eventCount: number } }>('query ($asOf: DateTime) { replayAudit(tenantId: "' + tenantId + '", asOf: $asOf) { eventCount } }', { asOf: new Date().toISOString() });
    expect(valid.errors).toBeUndefined();
  });
});

describe('error answers with GOLIATH_DEBUG_ERRORS=1', () => {
  withoutNodeEnv();
  const goliath = useTestPlatform({ env: { GOLIATH_DEBUG_ERRORS: '1' } });

  it('carry stack traces for the developer who asked', async () => {
    expect(stackTraces((await post(goliath, { query: MISSING_PROBLEM })).body)).not.toEqual([]);
    expect(stackTraces(await postAsGateway(goliath.platform.keysDir, goliath.platform.subgraphUrls.optimization, MISSING_PROBLEM, { token: goliath.admin }))).not.toEqual([]);
  });
});

describe('error answers in production', () => {
  const goliath = useTestPlatform({ env: { NODE_ENV: 'production' } });

  it('carry no "Did you mean" hints, at the gateway or at a subgraph', async () => {
    const atGateway = await post(goliath, { query: MISSPELT }, null);
    const atSubgraph = await postAsGateway(goliath.platform.keysDir, goliath.platform.subgraphUrls.enterprise, '{ tenantz { totalCount } tenants(frist: 1) { totalCount } }');
    expect(errorCodes(atGateway.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const messages = [...(atGateway.body.errors ?? []), ...(atSubgraph.errors ?? [])].map((error) => error.message);
    expect(messages).toEqual(expect.arrayContaining(['Cannot query field "tenantz" on type "Query".', 'Unknown argument "frist" on field "Query.tenants".']));
    for (const message of messages) expect(message).not.toMatch(/Did you mean/);
  });
});
