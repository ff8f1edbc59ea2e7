import { dataOf, errorCodes } from '../support/gateway-client';
import { eventually } from '../support/eventually';
import { createSmallKnapsack } from '../support/small-knapsack';
import { useTestPlatform } from '../support/test-platform';

const PERFORMANCE = `query ($id: ID!, $from: DateTime, $to: DateTime) {
  constraintPerformance(constraintId: $id, from: $from, to: $to) {
    constraintId problemId solves feasibilityRate meanViolation meanObjectiveGap bestFeasibleObjective cpuMs penaltyWeight trend { direction feasibilityRateChange } price { price }
  }
}`;

interface Performance {
  constraintId: string;
  solves: number;
  feasibilityRate: number;
  meanViolation: number;
  meanObjectiveGap: number | null;
  bestFeasibleObjective: number | null;
  cpuMs: number;
  penaltyWeight: number;
  trend: { direction: string; feasibilityRateChange: number } | null;
  price: { price: number } | null;
}

/** Every solve records how each constraint fared; constraintPerformance and tenantPerformance read it back. */
describe('constraint performance through the gateway', () => {
  const goliath = useTestPlatform({ env: { SOLVER_WORKERS: '1' } });
  let tenant: string;
  let analyst: string;
  let problemId: string;
  let constraintId: string;

  const optimize = (timeLimitMs = 30) => goliath.call<{ optimizeQubo: { best: { feasible: boolean } } }>('mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { best { feasible } } }', { input: { tenantId: tenant, problemId, timeLimitMs, seed: 3 } }, analyst);
  const performance = async (variables: Record<string, unknown> = {}) => dataOf(await goliath.call<{ constraintPerformance: Performance }>(PERFORMANCE, { id: constraintId, ...variables }, analyst)).constraintPerformance;

  beforeAll(async () => {
    [tenant] = await goliath.createTenants('Acme');
    analyst = await goliath.token('ANALYST', tenant);
    ({ problemId, constraintId } = await createSmallKnapsack(goliath.call, tenant, analyst));
  });

  it('shows a weight too low as infeasible solves, and the raised weight as feasible ones with a rising trend', async () => {
    // given two solves with the weight too low
    for (let i = 0; i < 2; i++) expect(dataOf(await optimize()).optimizeQubo.best.feasible).toBe(false);
    const before = await performance();
    expect(before).toMatchObject({ constraintId, solves: 2, feasibilityRate: 0, meanViolation: 4, meanObjectiveGap: null, bestFeasibleObjective: null, penaltyWeight: 0.1, trend: null });
    expect(before.cpuMs).toBeGreaterThan(0);
    // when the weight is raised (to 2: enough that the best packing, b and c, has the lowest energy) and the problem solved twice more
    dataOf(await goliath.call('mutation ($id: ID!) { updateConstraint(constraintId: $id, newParameters: { penaltyWeight: 2 }, evolutionReason: "infeasible") { id } }', { id: constraintId }, analyst));
    // (with time to spare: a 30 ms solve on a loaded machine may stop before it finds the best packing)
    for (let i = 0; i < 2; i++) expect(dataOf(await optimize(300)).optimizeQubo.best.feasible).toBe(true);
    // then half the solves are feasible, the best packing is known, and the trend is up
    expect(await performance()).toMatchObject({ solves: 4, feasibilityRate: 0.5, meanViolation: 2, bestFeasibleObjective: 7, penaltyWeight: 2, trend: { direction: 'IMPROVING', feasibilityRateChange: 1 } });
  });

  it('counts solve jobs too, and answers a time range exactly', async () => {
    const before = await performance();
    const startedAt = new Date().toISOString();
    const job = dataOf(await goliath.call<{ submitSolveJob: { id: string } }>('mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id } }', { input: { tenantId: tenant, problemId, timeLimitMs: 50, seed: 5 } }, analyst)).submitSolveJob;
    await eventually(async () => expect(dataOf(await goliath.call<{ solveJob: { status: string } }>('query ($id: ID!) { solveJob(id: $id) { status } }', { id: job.id }, analyst)).solveJob.status).toBe('COMPLETED'));
    await eventually(async () => expect((await performance()).solves).toBe(before.solves + 1));
    expect(await performance({ from: startedAt })).toMatchObject({ solves: 1, feasibilityRate: 1, meanObjectiveGap: 0, trend: null });
    expect(await performance({ to: startedAt })).toMatchObject({ solves: before.solves });
  });

  it('lists every constraint of the tenant in tenantPerformance', async () => {
    const rows = dataOf(await goliath.call<{ tenantPerformance: Record<string, unknown>[] }>('query ($t: ID!) { tenantPerformance(tenantId: $t) { constraintId problemId kind solves feasibilityRate penaltyWeight lastSolvedAt } }', { t: tenant }, analyst)).tenantPerformance;
    expect(rows).toEqual([expect.objectContaining({ constraintId, problemId, kind: 'LINEAR_INEQUALITY', solves: 5, feasibilityRate: 3 / 5, penaltyWeight: 2 })]);
  });

  it('measures what the constraint costs in objective, with and without it, and shows it with its performance', async () => {
    const price = dataOf(
      await goliath.call<{ measureConstraintPrice: { withConstraint: number; withoutConstraint: number; price: number; relativePrice: number; shadowSolves: number } }>(
        'mutation ($id: ID!) { measureConstraintPrice(constraintId: $id) { withConstraint withoutConstraint price relativePrice shadowSolves } }',
        { id: constraintId },
        analyst,
      ),
    ).measureConstraintPrice;
    // Without the capacity every item is packed (12); with it, feasible packings are worth 3 to 7.
    expect(price).toMatchObject({ withoutConstraint: 12, shadowSolves: 5 });
    expect(price.withConstraint).toBeGreaterThanOrEqual(3);
    expect(price.withConstraint).toBeLessThanOrEqual(7);
    expect(price.price).toBeCloseTo(12 - price.withConstraint);
    expect(price.relativePrice).toBeCloseTo(price.price / 12);
    expect((await performance()).price).toEqual(expect.objectContaining({ price: price.price }));
  });

  it("refuses bad ranges and another tenant's constraints, and answers NOT_FOUND for a missing one", async () => {
    const [other] = await goliath.createTenants('Globex');
    const outsider = await goliath.token('ANALYST', other);
    expect(errorCodes(await goliath.call(PERFORMANCE, { id: constraintId }, outsider))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call('mutation ($id: ID!) { measureConstraintPrice(constraintId: $id) { price } }', { id: constraintId }, outsider))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call(PERFORMANCE, { id: '00000000-0000-0000-0000-000000000000' }, analyst))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call('query ($t: ID!) { tenantPerformance(tenantId: $t) { constraintId } }', { t: tenant }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call(PERFORMANCE, { id: constraintId, from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, analyst))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await goliath.call('query ($t: ID!) { tenantPerformance(tenantId: $t, days: 0) { constraintId } }', { t: tenant }, analyst))).toEqual(['BAD_USER_INPUT']);
  });
});
