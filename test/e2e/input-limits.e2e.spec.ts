import { dataOf, errorCodes, type GraphQLResponse } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

interface AuditNode {
  sequence: number;
  actor: string;
  action: string;
  outcome: string;
  details: Record<string, unknown>;
}

/** The input limits every operation of every subgraph has, and what a refusal leaves behind. */
describe('input limits through the gateway', () => {
  const goliath = useTestPlatform({ adminSubject: 'ada' });
  const { call } = goliath;
  let tenantId: string;
  let otherTenantId: string;
  let analyst: string;
  let otherAnalyst: string;

  const nested = (levels: number): Record<string, unknown> => {
    let value: Record<string, unknown> = { leaf: true };
    for (let level = 1; level < levels; level++) value = { next: value };
    return value;
  };
  const recordAuditEntry = (input: Record<string, unknown>, token: string) =>
    call<{ recordAuditEntry: { sequence: number; details: Record<string, unknown> } }>(
      'mutation ($input: RecordAuditEntryInput!) { recordAuditEntry(input: $input) { sequence details } }',
      { input },
      token,
    );
  const createProblem = (input: Record<string, unknown>, token = goliath.admin) =>
    call<{ createProblem: { id: string; variableCount: number; quadraticTermCount: number } }>(
      'mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id variableCount quadraticTermCount } }',
      { input },
      token,
    );
  const chain = async (tenant: string) =>
    dataOf(await call<{ verifyAuditChain: { valid: boolean; checkedEntries: number } }>('query ($t: ID!) { verifyAuditChain(tenantId: $t) { valid checkedEntries } }', { t: tenant }))
      .verifyAuditChain;
  const trail = async (tenant: string, action?: string) =>
    dataOf(
      await call<{ auditTrail: { edges: { node: AuditNode }[] } }>(
        'query ($t: ID!, $filter: AuditTrailFilter) { auditTrail(tenantId: $t, filter: $filter, first: 100) { edges { node { sequence actor action outcome details } } } }',
        { t: tenant, filter: action ? { action } : null },
      ),
    ).auditTrail.edges.map((edge) => edge.node);
  const refusalOf = (response: GraphQLResponse<unknown>) => {
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    return response.errors![0];
  };
  const toyQubo = { variables: ['a', 'b'], linear: [{ variable: 'a', coefficient: -1 }], quadratic: [{ u: 'a', v: 'b', coefficient: 2 }] };

  beforeAll(async () => {
    [tenantId, otherTenantId] = await goliath.createTenants('Limited', 'Neighbour');
    analyst = await goliath.token('ANALYST', tenantId, 'mallory');
    otherAnalyst = await goliath.token('ANALYST', otherTenantId, 'nina');
  });

  it("refuses an analyst's recordAuditEntry with details nested 1,000 deep, stores nothing, and every tenant goes on writing", async () => {
    const before = await chain(tenantId);
    const response = await recordAuditEntry({ tenantId, action: 'note', target: 'x', details: nested(1000) }, analyst);

    const error = refusalOf(response);
    expect(error.extensions).toMatchObject({ field: 'input.details', reason: 'INPUT_TOO_DEEP', limit: 32 });
    expect(error.message).toContain('input.details');
    expect(error.message).toContain('32');
    expect(await chain(tenantId)).toEqual(before);

    // the audit read model is alive: writes of this and of other tenants are confirmed, not READ_MODEL_LAGGING
    dataOf(await recordAuditEntry({ tenantId: otherTenantId, action: 'note', target: 'y', details: nested(32) }, otherAnalyst));
    dataOf(await createProblem({ tenantId: otherTenantId, name: 'Next door', qubo: toyQubo }, otherAnalyst));
    const recorded = dataOf(await recordAuditEntry({ tenantId, action: 'note', target: 'x', details: nested(32) }, analyst)).recordAuditEntry;
    expect(recorded.sequence).toBe(before.checkedEntries);
    expect(await chain(tenantId)).toEqual({ valid: true, checkedEntries: before.checkedEntries + 1 });
    expect((await trail(tenantId, 'note')).at(-1)).toMatchObject({ actor: 'mallory', details: nested(32) });
  });

  it('refuses a too-long string in the operations of other subgraphs the same way, and audits the refusal in bounded form', async () => {
    const longName = 'n'.repeat(100_001);
    const problem = refusalOf(await createProblem({ tenantId, name: longName, qubo: toyQubo }));
    expect(problem.extensions).toMatchObject({ field: 'input.name', reason: 'INPUT_TOO_LONG', limit: 100_000 });
    expect(problem.message).toBe('input.name has 100001 characters; the limit is 100000.');

    const provider = refusalOf(
      await call('mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id } }', {
        input: { tenantId, name: longName, type: 'OIDC', oidc: { issuer: 'https://idp.example.com', clientId: 'goliath' } },
      }),
    );
    expect(provider.extensions).toMatchObject({ field: 'input.name', reason: 'INPUT_TOO_LONG', limit: 100_000 });

    const refused = (await trail(tenantId, 'optimization.createProblem')).filter((entry) => entry.outcome === 'failure');
    expect(refused).toHaveLength(1);
    expect(refused[0].details).toMatchObject({ errorCode: 'BAD_USER_INPUT' });
    const storedName = (refused[0].details.arguments as { input: { name: string } }).input.name;
    expect(storedName.length).toBeLessThan(400);
    expect((await chain(tenantId)).valid).toBe(true);
  });

  it('audits a refused call with 1,000-deep JSON as a bounded entry, and the chain and the audit read model stay whole', async () => {
    const before = await chain(tenantId);
    const response = await call(
      'mutation ($t: ID!, $data: JSON) { checkCompliance(tenantId: $t, operation: "createProblem", data: $data) { isCompliant } }',
      { t: tenantId, data: nested(1000) },
      analyst,
    );
    expect(refusalOf(response).extensions).toMatchObject({ field: 'data', reason: 'INPUT_TOO_DEEP' });

    expect(await chain(tenantId)).toEqual({ valid: true, checkedEntries: before.checkedEntries + 1 });
    const entry = (await trail(tenantId, 'enterprise.checkCompliance')).at(-1)!;
    expect(entry).toMatchObject({ actor: 'mallory', outcome: 'failure', details: { errorCode: 'BAD_USER_INPUT' } });
    expect(JSON.stringify(entry.details)).toContain('[nested too deep]');
    expect(JSON.stringify(entry.details).length).toBeLessThan(2000);
    dataOf(await createProblem({ tenantId, name: 'After the refusal', qubo: toyQubo }, analyst));
  });

  it('refuses a coefficient out of range before solving', async () => {
    const response = await call(
      'mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { runId } }',
      { input: { tenantId, qubo: { ...toyQubo, quadratic: [{ u: 'a', v: 'b', coefficient: 1.7e308 }] }, timeLimitMs: 50 } },
      analyst,
    );
    expect(refusalOf(response).extensions).toMatchObject({ field: 'input.qubo.quadratic[0].coefficient', reason: 'INPUT_OUT_OF_RANGE' });
  });

  it('still accepts a large valid problem', async () => {
    const variables = Array.from({ length: 2000 }, (_, index) => `x${index}`);
    const quadratic = Array.from({ length: 40_000 }, (_, index) => ({ u: variables[index % 2000], v: variables[(index * 7 + 1 + Math.floor(index / 2000)) % 2000], coefficient: (index % 11) - 5 })).filter(
      (term) => term.u !== term.v,
    );
    const linear = variables.map((variable, index) => ({ variable, coefficient: index % 3 }));
    const created = dataOf(await createProblem({ tenantId, name: 'Large', qubo: { variables, linear, quadratic } }, analyst)).createProblem;
    expect(created.variableCount).toBe(2000);
    expect(created.quadraticTermCount).toBeGreaterThan(1000);
  });

  it('redacts secret-looking keys in recordAuditEntry details, at any depth, as in automatic entries', async () => {
    const details = { reason: 'rotated', apiKey: 'k-123', nested: { client_secret: 's-456', items: [{ password: 'p', kept: 1 }] }, count: 2 };
    const recorded = dataOf(await recordAuditEntry({ tenantId, action: 'keys.rotated', target: 'integration-7', details }, analyst)).recordAuditEntry;
    const redacted = { reason: 'rotated', apiKey: '[REDACTED]', nested: { client_secret: '[REDACTED]', items: [{ password: '[REDACTED]', kept: 1 }] }, count: 2 };
    expect(recorded.details).toEqual(redacted);
    const listed = await trail(tenantId, 'keys.rotated');
    expect(listed.map((entry) => entry.details)).toEqual([redacted]);
    expect(JSON.stringify(listed)).not.toMatch(/k-123|s-456/);
  });
});
