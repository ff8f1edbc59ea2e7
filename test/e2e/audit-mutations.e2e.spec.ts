import { dataOf, errorCodes } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

interface TrailEntry {
  sequence: number;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  correlationId: string;
  details: { arguments: Record<string, unknown>; errorCode?: string; attemptedTenantId?: string };
}
interface ReplayedCollection {
  name: string;
  count: number;
  documents: { id: string; [field: string]: unknown }[];
}

/** Every mutation is audited by the subgraphs' middleware, and replayAudit rebuilds a tenant's past. */
describe('automatic audit of mutations, and replay, through the gateway', () => {
  const goliath = useTestPlatform({ adminSubject: 'ada' });
  const { call } = goliath;
  let tenantId: string;
  let otherTenantId: string;
  let outsider: string;

  const trail = async (tenant: string, action?: string) =>
    dataOf(
      await call<{ auditTrail: { edges: { node: TrailEntry }[] } }>(
        'query ($tenantId: ID!, $filter: AuditTrailFilter) { auditTrail(tenantId: $tenantId, filter: $filter, first: 100) { edges { node { sequence actor action target outcome correlationId details } } } }',
        { tenantId: tenant, filter: action ? { action } : null },
      ),
    ).auditTrail.edges.map((edge) => edge.node);
  const replay = (variables: Record<string, unknown>, token = goliath.admin) =>
    call<{ replayAudit: { tenantId: string; asOf: string; position: number; eventCount: number; aggregates: ReplayedCollection[] } }>(
      'query ($tenantId: ID!, $asOf: DateTime, $asOfPosition: Int) { replayAudit(tenantId: $tenantId, asOf: $asOf, asOfPosition: $asOfPosition) { tenantId asOf position eventCount aggregates { name count documents } } }',
      variables,
      token,
    );
  const collection = (aggregates: ReplayedCollection[], name: string) => aggregates.find((aggregate) => aggregate.name === name)!;
  const qubo = { variables: ['a', 'b'], linear: [{ variable: 'a', coefficient: -1 }], quadratic: [{ u: 'a', v: 'b', coefficient: 2 }] };
  const createProblem = (input: Record<string, unknown>, token = goliath.admin) =>
    call<{ createProblem: { id: string } }>('mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }', { input }, token);

  beforeAll(async () => {
    [tenantId, otherTenantId] = await goliath.createTenants('Before', 'Other');
    outsider = await goliath.token('TENANT_ADMIN', otherTenantId, 'mallory');
  });

  it('records an enterprise mutation in the tenant it concerns, first in its chain', async () => {
    const [created] = await trail(tenantId, 'enterprise.createTenant');
    expect(created).toMatchObject({ sequence: 0, actor: 'ada', target: tenantId, outcome: 'success', details: { arguments: { input: { name: 'Before' } } } });
    expect(created.correlationId).toMatch(/\S/);
  });

  it('records optimization mutations with the item they created or named', async () => {
    const problemId = dataOf(await createProblem({ tenantId, name: 'Audited problem', qubo })).createProblem.id;
    const job = dataOf(
      await call<{ submitSolveJob: { id: string } }>('mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id } }', { input: { tenantId, problemId, timeLimitMs: 60_000, seed: 1 } }),
    ).submitSolveJob;
    await call(`mutation { cancelSolveJob(id: "${job.id}") { status } }`);

    const entries = await trail(tenantId);
    expect(entries.find((entry) => entry.action === 'optimization.createProblem')).toMatchObject({ actor: 'ada', target: problemId, outcome: 'success', details: { arguments: { input: { tenantId, name: 'Audited problem' } } } });
    expect(entries.find((entry) => entry.action === 'optimization.submitSolveJob')).toMatchObject({ target: job.id, outcome: 'success' });
    expect(entries.find((entry) => entry.action === 'optimization.cancelSolveJob')).toMatchObject({ target: job.id });
  });

  it('records enum arguments as the API spells them', async () => {
    const problemId = dataOf(await createProblem({ tenantId, name: 'Spelled', qubo: { ...qubo, sense: 'MAXIMIZE' } })).createProblem.id;
    const job = dataOf(
      await call<{ submitSolveJob: { id: string } }>('mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id } }', { input: { tenantId, problemId, strategy: 'TABU', timeLimitMs: 60_000, seed: 1 } }),
    ).submitSolveJob;
    await call(`mutation { cancelSolveJob(id: "${job.id}") { status } }`);
    const tenantAdmin = await goliath.token('TENANT_ADMIN', tenantId, 'tina');
    expect(errorCodes(await call('mutation { grantRole(userId: "nobody", role: AUDITOR) { id } }', {}, tenantAdmin))).toEqual(['NOT_FOUND']);

    const entries = await trail(tenantId);
    expect(entries.find((entry) => entry.target === problemId)).toMatchObject({ details: { arguments: { input: { qubo: { sense: 'MAXIMIZE' } } } } });
    expect(entries.find((entry) => entry.action === 'optimization.submitSolveJob' && entry.target === job.id)).toMatchObject({ details: { arguments: { input: { strategy: 'TABU' } } } });
    expect(entries.find((entry) => entry.action === 'enterprise.grantRole')).toMatchObject({ actor: 'tina', outcome: 'failure', details: { arguments: { userId: 'nobody', role: 'AUDITOR' } } });
  });

  it("records a FORBIDDEN attempt as denied in the caller's own tenant", async () => {
    expect(errorCodes(await createProblem({ tenantId, name: 'Intrusion', qubo }, outsider))).toEqual(['FORBIDDEN']);
    const [denied] = await trail(otherTenantId, 'optimization.createProblem');
    expect(denied).toMatchObject({ actor: 'mallory', outcome: 'denied', details: { errorCode: 'FORBIDDEN', attemptedTenantId: tenantId } });
    expect((await trail(tenantId)).some((entry) => entry.actor === 'mallory')).toBe(false);
  });

  it('records a refused mutation as a failure with its error code', async () => {
    const response = await createProblem({ tenantId, name: 'Broken', qubo: { variables: ['a'], linear: [{ variable: 'zzz', coefficient: 1 }], quadratic: [] } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    const failures = (await trail(tenantId, 'optimization.createProblem')).filter((entry) => entry.outcome === 'failure');
    expect(failures).toEqual([expect.objectContaining({ actor: 'ada', target: '-', details: expect.objectContaining({ errorCode: 'BAD_USER_INPUT' }) })]);
  });

  it('does not audit recordAuditEntry twice, and the chain still verifies', async () => {
    dataOf(await call('mutation ($input: RecordAuditEntryInput!) { recordAuditEntry(input: $input) { sequence } }', { input: { tenantId, action: 'manual.note', target: 'x' } }));
    const entries = await trail(tenantId);
    expect(entries.filter((entry) => entry.action.includes('recordAuditEntry'))).toEqual([]);
    expect(entries.filter((entry) => entry.action === 'manual.note')).toHaveLength(1);
    for (const tenant of [tenantId, otherTenantId]) {
      const verification = dataOf(await call<{ verifyAuditChain: { valid: boolean; checkedEntries: number } }>('query ($tenantId: ID!) { verifyAuditChain(tenantId: $tenantId) { valid checkedEntries } }', { tenantId: tenant })).verifyAuditChain;
      expect(verification).toEqual({ valid: true, checkedEntries: (await trail(tenant)).length });
    }
  });

  it('audits a burst of concurrent mutations of one tenant without losing or forking an entry', async () => {
    const id = dataOf(await call<{ createTenant: { id: string } }>('mutation { createTenant(input: { name: "Busy" }) { id } }')).createTenant.id;
    const responses = await Promise.all(Array.from({ length: 40 }, (_unused, index) => createProblem({ tenantId: id, name: `Burst ${index}`, qubo })));
    responses.forEach((response) => expect(response.errors).toBeUndefined());
    const created = (await trail(id, 'optimization.createProblem')).filter((entry) => entry.outcome === 'success');
    expect(new Set(created.map((entry) => entry.target)).size).toBe(40);
    const verification = dataOf(await call<{ verifyAuditChain: { valid: boolean; checkedEntries: number } }>('query ($tenantId: ID!) { verifyAuditChain(tenantId: $tenantId) { valid checkedEntries } }', { tenantId: id })).verifyAuditChain;
    expect(verification).toEqual({ valid: true, checkedEntries: 41 });
  });

  it('replays the tenant as of a past time: the old name, and no problem created after it', async () => {
    // Given a fresh tenant, a moment T, then a rename and a new problem
    const id = dataOf(await call<{ createTenant: { id: string } }>('mutation { createTenant(input: { name: "Old name" }) { id } }')).createTenant.id;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const moment = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    dataOf(await call(`mutation { renameTenant(id: "${id}", name: "New name") { name } }`));
    const problemId = dataOf(await createProblem({ tenantId: id, name: 'Later problem', qubo })).createProblem.id;

    // When replayed as of T and as of now
    const past = dataOf(await replay({ tenantId: id, asOf: moment })).replayAudit;
    const present = dataOf(await replay({ tenantId: id, asOfPosition: 2_000_000_000 })).replayAudit;

    // Then T shows the old name and no problem; now shows the new name, the problem and more audit entries
    expect(past).toMatchObject({ tenantId: id, asOf: moment });
    expect(collection(past.aggregates, 'tenants').documents).toEqual([expect.objectContaining({ id, name: 'Old name' })]);
    expect(collection(past.aggregates, 'problems').count).toBe(0);
    expect(collection(present.aggregates, 'tenants').documents).toEqual([expect.objectContaining({ id, name: 'New name' })]);
    expect(collection(present.aggregates, 'problems').documents.map((problem) => problem.id)).toEqual([problemId]);
    expect(collection(present.aggregates, 'audit_entries').count).toBeGreaterThan(collection(past.aggregates, 'audit_entries').count);
    expect(present.eventCount).toBeGreaterThan(past.eventCount);

    // And a replay as of the position a time replay reports is the same replay
    const samePoint = dataOf(await replay({ tenantId: id, asOfPosition: past.position })).replayAudit;
    expect(samePoint.aggregates).toEqual(past.aggregates);
  });

  it('refuses a replay without exactly one point, or of another tenant', async () => {
    expect(errorCodes(await replay({ tenantId }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await replay({ tenantId, asOf: new Date().toISOString(), asOfPosition: 3 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await replay({ tenantId, asOfPosition: -1 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await replay({ tenantId, asOfPosition: 10 }, outsider))).toEqual(['FORBIDDEN']);
  });
});
