import { collect, dataOf, errorCodes, subscriptionClient } from '../support/gateway-client';
import { createSmallKnapsack } from '../support/small-knapsack';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

const EVOLVE = `mutation ($input: EvolveConstraintsInput!) {
  evolveConstraints(input: $input) {
    evolutionId applied
    updates { constraintId oldParameters newParameters evolutionReason predictedPerformance { feasibilityProbability source solves } evidence }
    unmet { constraintId reason }
  }
}`;
const HISTORY = 'query ($id: ID, $t: ID) { constraintEvolutionHistory(constraintId: $id, tenantId: $t) { constraintId evolutionReason oldParameters newParameters occurredAt actor evolutionId } }';

interface Evolution {
  evolutionId: string;
  applied: boolean;
  updates: { constraintId: string; oldParameters: { penaltyWeight: number }; newParameters: { penaltyWeight: number }; evolutionReason: string; predictedPerformance: { feasibilityProbability: number; source: string }; evidence: Record<string, unknown> }[];
  unmet: { constraintId: string }[];
}

/** The scenario through the gateway: a capacity weight too low, evolved until solves are feasible. */
describe('constraint evolution through the gateway', () => {
  const goliath = useTestPlatform({ env: { SOLVER_WORKERS: '1' } });
  let tenant: string;
  let analyst: string;
  let problemId: string;
  let constraintId: string;

  const optimize = async (timeLimitMs = 30) =>
    dataOf(await goliath.call<{ optimizeQubo: { best: { feasible: boolean; objective: number } } }>('mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { best { feasible objective } } }', { input: { tenantId: tenant, problemId, timeLimitMs, seed: 3 } }, analyst)).optimizeQubo.best;
  const evolve = (input: Record<string, unknown>, token = analyst) => goliath.call<{ evolveConstraints: Evolution }>(EVOLVE, { input: { tenantId: tenant, ...input } }, token);
  const weightNow = async () =>
    dataOf(await goliath.call<{ constraints: { id: string; penaltyWeight: number; lastEvolutionReason: string | null }[] }>('query ($t: ID!, $p: ID) { constraints(tenantId: $t, problemId: $p) { id penaltyWeight lastEvolutionReason } }', { t: tenant, p: problemId }, analyst)).constraints[0];

  beforeAll(async () => {
    [tenant] = await goliath.createTenants('Acme');
    analyst = await goliath.token('ANALYST', tenant, 'ada');
    ({ problemId, constraintId } = await createSmallKnapsack(goliath.call, tenant, analyst));
  });

  it('answers INSUFFICIENT_PERFORMANCE_DATA before any solve, and stores nothing', async () => {
    const refused = await evolve({ problemId });
    expect(errorCodes(refused)).toEqual(['INSUFFICIENT_PERFORMANCE_DATA']);
    expect(refused.errors?.[0].message).toMatch(/solve the problem .* at least once/);
    expect(dataOf(await goliath.call<{ constraintEvolutionHistory: unknown[] }>(HISTORY, { t: tenant }, analyst)).constraintEvolutionHistory).toEqual([]);
  });

  it('refuses a threshold outside (0, 1] and an unknown constraint with BAD_USER_INPUT', async () => {
    expect(errorCodes(await evolve({ problemId, performanceThreshold: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await evolve({ problemId, performanceThreshold: 1.5 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await evolve({ constraintIds: ['00000000-0000-0000-0000-000000000000'] }))).toEqual(['BAD_USER_INPUT']);
  });

  it('raises a weight too low, with its reason, so that the next solve is feasible; a dry run changes nothing', async () => {
    // given solves that come back infeasible: the capacity weight 0.1 is far too low
    for (let i = 0; i < 2; i++) expect((await optimize()).feasible).toBe(false);
    // when a dry run is asked for, then an evolution
    const dry = dataOf(await evolve({ problemId, dryRun: true })).evolveConstraints;
    expect(dry).toMatchObject({ applied: false, unmet: [] });
    expect((await weightNow()).penaltyWeight).toBe(0.1);
    const evolution = dataOf(await evolve({ problemId, evolutionStrategy: 'BALANCED' })).evolveConstraints;
    // then the capacity weight was raised, with the evidence behind it
    expect(evolution.applied).toBe(true);
    expect(evolution.unmet).toEqual([]);
    expect(evolution.updates).toHaveLength(1);
    const [update] = evolution.updates;
    expect(update.constraintId).toBe(constraintId);
    expect(update.oldParameters.penaltyWeight).toBe(0.1);
    expect(update.newParameters.penaltyWeight).toBeGreaterThan(0.1);
    expect(update.evolutionReason).toMatch(/^Raised from 0\.1 to [\d.]+: satisfied in 0% of the last 2 solves, below the 85% threshold/);
    expect(update.predictedPerformance).toMatchObject({ source: 'SHADOW_SOLVES', feasibilityProbability: expect.any(Number) });
    expect(update.predictedPerformance.feasibilityProbability).toBeGreaterThanOrEqual(0.85);
    expect(update.evidence).toMatchObject({ recordedSolves: 2, recordedFeasibilityRate: 0, measuredBefore: 0 });
    // and the constraint carries the new weight and reason, and the next solve is feasible
    expect(await weightNow()).toMatchObject({ penaltyWeight: update.newParameters.penaltyWeight, lastEvolutionReason: update.evolutionReason });
    // (with time to spare: a 30 ms solve on a loaded machine may stop before it finds the best packing)
    expect((await optimize(300)).feasible).toBe(true);
    // and the history and the audit trail show the change, by whom and from which evolution
    const history = dataOf(await goliath.call<{ constraintEvolutionHistory: Record<string, unknown>[] }>(HISTORY, { id: constraintId }, analyst)).constraintEvolutionHistory;
    expect(history).toEqual([
      expect.objectContaining({ constraintId, evolutionReason: update.evolutionReason, oldParameters: { penaltyWeight: 0.1, penaltyMethod: 'MANUAL' }, actor: 'ada', evolutionId: evolution.evolutionId }),
    ]);
    const trail = dataOf(
      await goliath.call<{ auditTrail: { edges: { node: { action: string; target: string; actor: string } }[] } }>(
        'query ($t: ID!) { auditTrail(tenantId: $t, first: 100) { edges { node { action target actor } } } }',
        { t: tenant },
        goliath.admin,
      ),
    ).auditTrail.edges.map((edge) => edge.node);
    expect(trail).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'optimization.evolveConstraints', target: constraintId, actor: 'ada' })]));
  });

  it("keeps another tenant from evolving or reading this tenant's constraints", async () => {
    const [other] = await goliath.createTenants('Globex');
    const outsider = await goliath.token('ANALYST', other);
    expect(errorCodes(await evolve({ problemId }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call(EVOLVE, { input: { tenantId: other, constraintIds: [constraintId] } }, outsider))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await goliath.call(HISTORY, { id: constraintId }, outsider))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call(HISTORY, { t: tenant }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await evolve({ problemId }, await goliath.token('VIEWER', tenant)))).toEqual(['FORBIDDEN']);
  });
});

/** Under SOC2 change approval an evolution is proposed, and applied only when someone else approves it. */
describe('constraint evolution under SOC2 change approval', () => {
  const goliath = useTestPlatform({ env: { SOLVER_WORKERS: '1', COMPLIANCE_FRAMEWORKS: 'SOC2' } });
  let tenant: string;
  let ada: string;
  let bob: string;
  /** Two knapsacks with a capacity weight too low, each solved twice before approval was turned on: one to approve, one to reject. */
  let problems: { problemId: string; constraintId: string }[];

  const weightNow = async (problemId: string) =>
    dataOf(await goliath.call<{ constraints: { penaltyWeight: number }[] }>('query ($t: ID!, $p: ID) { constraints(tenantId: $t, problemId: $p) { penaltyWeight } }', { t: tenant, p: problemId }, ada)).constraints[0].penaltyWeight;
  const propose = async (problemId: string) =>
    dataOf(await goliath.call<{ evolveConstraints: { evolutionId: string; status: string; applied: boolean; updates: unknown[] } }>('mutation ($input: EvolveConstraintsInput!) { evolveConstraints(input: $input) { evolutionId status applied updates { constraintId } } }', { input: { tenantId: tenant, problemId } }, ada)).evolveConstraints;
  const decide = (mutation: string, evolutionId: string, token: string) =>
    goliath.call<Record<string, { status: string; applied: boolean; decidedBy: string | null; rejectionReason: string | null }>>(`mutation ($id: ID!) { ${mutation} { status applied decidedBy rejectionReason } }`, { id: evolutionId }, token);

  beforeAll(async () => {
    [tenant] = await goliath.createTenants('Acme');
    ada = await goliath.token('TENANT_ADMIN', tenant, 'ada');
    bob = await goliath.token('TENANT_ADMIN', tenant, 'bob');
    problems = [];
    for (const name of ['To approve', 'To reject']) {
      const { problemId, constraintId } = await createSmallKnapsack(goliath.call, tenant, ada, 0.1, name);
      for (let i = 0; i < 2; i++) dataOf(await goliath.call('mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { runId } }', { input: { tenantId: tenant, problemId, timeLimitMs: 30, seed: 3 } }, ada));
      problems.push({ problemId, constraintId });
    }
    // Then the tenant turns on SOC2 change approval.
    dataOf(await goliath.call('mutation ($input: EnableComplianceFrameworkInput!) { enableComplianceFramework(input: $input) { id } }', { input: { tenantId: tenant, frameworkType: 'SOC2', complianceLevel: 'Type II' } }));
    dataOf(await goliath.call('mutation ($input: UpdateComplianceProfileInput!) { updateComplianceProfile(input: $input) { changeApprovalRequired } }', { input: { tenantId: tenant, changeApprovalRequired: true } }));
  });

  it('proposes instead of applying; the proposer cannot approve; another admin approves and the weight changes; all of it is followed live', async () => {
    // given a subscriber following the tenant's constraint evolution
    const client = subscriptionClient(goliath.platform.subscriptionUrl, ada);
    const feed = collect<{ constraintEvolutions: { type: string; streamId: string; data: Record<string, unknown> } }>(
      client,
      `subscription { constraintEvolutions(tenantId: "${tenant}") { type streamId data } }`,
      3,
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    // when ada evolves the constraints of the first problem
    const [{ problemId, constraintId }] = problems;
    const proposal = await propose(problemId);
    // then nothing changes yet: the evolution waits for approval
    expect(proposal).toMatchObject({ status: 'PROPOSED', applied: false, updates: [{ constraintId }] });
    expect(await weightNow(problemId)).toBe(0.1);
    const waiting = dataOf(await goliath.call<{ evolutions: { evolutionId: string }[] }>('query ($t: ID!) { evolutions(tenantId: $t, status: PROPOSED) { evolutionId } }', { t: tenant }, bob)).evolutions;
    expect(waiting).toEqual([{ evolutionId: proposal.evolutionId }]);
    // and ada may not approve her own proposal
    const own = await decide('approveEvolution(evolutionId: $id)', proposal.evolutionId, ada);
    expect(errorCodes(own)).toEqual(['FORBIDDEN']);
    expect(own.errors?.[0].extensions?.reason).toBe('APPROVER_IS_PROPOSER');
    // when bob approves it, the weight changes
    expect(dataOf(await decide('approveEvolution(evolutionId: $id)', proposal.evolutionId, bob)).approveEvolution).toEqual({ status: 'APPROVED', applied: true, decidedBy: 'bob', rejectionReason: null });
    expect(await weightNow(problemId)).toBeGreaterThan(0.1);
    // and the subscriber saw the proposal, the approval and the change
    const seen = await feed;
    expect(seen.map((message) => message.data?.constraintEvolutions.type)).toEqual(['EvolutionProposed', 'EvolutionApproved', 'ConstraintUpdated']);
    await client.dispose();
    // and an approved evolution cannot be approved or rejected again
    expect(errorCodes(await decide('rejectEvolution(evolutionId: $id, reason: "late")', proposal.evolutionId, bob))).toEqual(['CONFLICT']);
  });

  it('records a rejection with its reason and changes nothing; analysts and other tenants may not decide', async () => {
    const { problemId, constraintId } = problems[1];
    const proposal = await propose(problemId);
    expect(proposal).toMatchObject({ status: 'PROPOSED', updates: [{ constraintId }] });
    const analyst = await goliath.token('ANALYST', tenant);
    const [other] = await goliath.createTenants('Globex');
    expect(errorCodes(await decide('approveEvolution(evolutionId: $id)', proposal.evolutionId, analyst))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await decide('approveEvolution(evolutionId: $id)', proposal.evolutionId, await goliath.token('TENANT_ADMIN', other)))).toEqual(['NOT_FOUND']);
    expect(dataOf(await decide('rejectEvolution(evolutionId: $id, reason: "too risky before the audit")', proposal.evolutionId, bob)).rejectEvolution).toEqual({
      status: 'REJECTED',
      applied: false,
      decidedBy: 'bob',
      rejectionReason: 'too risky before the audit',
    });
    expect(await weightNow(problemId)).toBe(0.1);
  });
});
