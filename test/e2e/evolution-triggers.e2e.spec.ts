import { randomUUID } from 'node:crypto';
import { evolutionTriggerStreamId } from '../../schema/events';
import { dataOf, errorCodes } from '../support/gateway-client';
import { eventually } from '../support/eventually';
import { createSmallKnapsack } from '../support/small-knapsack';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

const CREATE = `mutation ($input: CreateEvolutionTriggerInput!) {
  createEvolutionTrigger(input: $input) { triggerId triggerType conditions actions priority isActive fireCount }
}`;
const TRIGGERS = 'query ($t: ID!) { evolutionTriggers(tenantId: $t) { triggerId triggerType fireCount lastFiredReason isActive } }';

interface Trigger {
  triggerId: string;
  triggerType: string;
  fireCount: number;
  lastFiredReason: string | null;
  isActive: boolean;
}

/** Triggers fire by themselves (the runner in the optimization subgraph's process) and evolve as system:evolution-trigger-runner. */
describe('evolution triggers through the gateway', () => {
  const goliath = useTestPlatform({ env: { SOLVER_WORKERS: '1', EVOLUTION_TRIGGER_CHECK_MS: '200' } });
  let tenant: string;
  let analyst: string;

  const create = (input: Record<string, unknown>, token = analyst) => goliath.call<{ createEvolutionTrigger: Trigger & { conditions: unknown; actions: unknown } }>(CREATE, { input: { tenantId: tenant, ...input } }, token);
  const triggers = async () => dataOf(await goliath.call<{ evolutionTriggers: Trigger[] }>(TRIGGERS, { t: tenant }, analyst)).evolutionTriggers;
  const triggerNamed = async (triggerId: string) => (await triggers()).find((trigger) => trigger.triggerId === triggerId)!;
  const solve = (problemId: string) => goliath.call('mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { runId } }', { input: { tenantId: tenant, problemId, timeLimitMs: 30, seed: 3 } }, analyst);

  beforeAll(async () => {
    [tenant] = await goliath.createTenants('Acme');
    analyst = await goliath.token('ANALYST', tenant, 'ada');
  });

  it('evolves a constraint by itself once its feasibility falls below the threshold, once per weight', async () => {
    // given a performance trigger and a knapsack whose capacity weight is far too low
    const { problemId, constraintId } = await createSmallKnapsack(goliath.call, tenant, analyst);
    const trigger = dataOf(await create({ triggerType: 'PERFORMANCE_THRESHOLD', conditions: { feasibilityBelow: 0.85, minSolves: 2 }, actions: [{ type: 'EVOLVE_CONSTRAINTS' }], priority: 5 })).createEvolutionTrigger;
    expect(trigger).toMatchObject({ triggerType: 'PERFORMANCE_THRESHOLD', conditions: { feasibilityBelow: 0.85, minSolves: 2, window: 10 }, actions: [{ type: 'EVOLVE_CONSTRAINTS', evolutionStrategy: 'BALANCED', performanceThreshold: 0.85, dryRun: false }], priority: 5, fireCount: 0 });
    // when the problem is solved twice (both infeasible)
    dataOf(await solve(problemId));
    dataOf(await solve(problemId));
    // then the trigger fires once, and the runner's evolution raises the weight
    await eventually(async () => expect((await triggerNamed(trigger.triggerId)).fireCount).toBe(1), 20_000);
    expect((await triggerNamed(trigger.triggerId)).lastFiredReason).toMatch(/satisfied in 0% of its last 2 solves, below 85%/);
    await eventually(async () => {
      const history = dataOf(await goliath.call<{ constraintEvolutionHistory: { actor: string; evolutionId: string | null }[] }>('query ($id: ID) { constraintEvolutionHistory(constraintId: $id) { actor evolutionId } }', { id: constraintId }, analyst)).constraintEvolutionHistory;
      expect(history).toEqual([expect.objectContaining({ actor: 'system:evolution-trigger-runner', evolutionId: expect.any(String) })]);
    }, 20_000);
    // and a solve at the new weight does not fire it again on the old weight's infeasible solves
    dataOf(await solve(problemId));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await triggerNamed(trigger.triggerId)).fireCount).toBe(1);
  });

  it('answers market changes that name its factors, and no others', async () => {
    const trigger = dataOf(await create({ triggerType: 'MARKET_CHANGE', conditions: { factors: ['steelPrice'] }, actions: [{ type: 'EVOLVE_CONSTRAINTS', dryRun: true }] })).createEvolutionTrigger;
    const record = (factors: Record<string, unknown>) => goliath.call<{ recordMarketChange: { changeId: string } }>('mutation ($t: ID!, $f: JSON!) { recordMarketChange(tenantId: $t, factors: $f) { changeId } }', { t: tenant, f: factors }, analyst);
    dataOf(await record({ oilPrice: 0.9 }));
    dataOf(await record({ steelPrice: 1.12 }));
    await eventually(async () => expect((await triggerNamed(trigger.triggerId)).fireCount).toBe(1), 20_000);
    expect((await triggerNamed(trigger.triggerId)).lastFiredReason).toMatch(/steelPrice/);
    expect(errorCodes(await record({}))).toEqual(['BAD_USER_INPUT']);
  });

  it('fires a time trigger once per period, the first a whole period after its creation, and runs its evolution', async () => {
    // given a knapsack solved once, and an hourly trigger created (by another process) 61 minutes ago
    const { problemId } = await createSmallKnapsack(goliath.call, tenant, analyst);
    dataOf(await solve(problemId));
    const triggerId = randomUUID();
    const createdAt = new Date(Date.now() - 61 * 60_000);
    const definition = {
      triggerId,
      tenantId: tenant,
      triggerType: 'TIME_BASED',
      conditions: { everyMinutes: 60 },
      actions: [{ type: 'EVOLVE_CONSTRAINTS', problemId, evolutionStrategy: 'BALANCED', performanceThreshold: 0.85, dryRun: true }],
      priority: 0,
      isActive: true,
    };
    await goliath.recordFromAnotherProcess(evolutionTriggerStreamId(triggerId), [{ type: 'EvolutionTriggerCreated', data: { ...definition, createdBy: 'ada', createdAt: createdAt.toISOString() } }], {
      tenantId: tenant,
      actor: 'ada',
      action: 'optimization.createEvolutionTrigger',
      at: createdAt,
    });
    // when the runner next looks (every 200 ms here), then it fires for period 1
    await eventually(async () => expect((await triggerNamed(triggerId))?.fireCount).toBe(1), 20_000);
    expect((await triggerNamed(triggerId)).lastFiredReason).toBe('Every 60 minutes (period 1).');
    // and the dry-run evolution it started is on record as the runner's
    await eventually(async () => {
      const evolutions = dataOf(await goliath.call<{ evolutions: { status: string; triggeredBy: string }[] }>('query ($t: ID!) { evolutions(tenantId: $t) { status triggeredBy } }', { t: tenant }, analyst)).evolutions;
      expect(evolutions).toContainEqual({ status: 'DRY_RUN', triggeredBy: 'system:evolution-trigger-runner' });
    }, 20_000);
    // and the checks after it, in the same period, do not fire it again
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await triggerNamed(triggerId)).fireCount).toBe(1);
  });

  it('switches a trigger off, and refuses bad definitions and other tenants', async () => {
    const trigger = dataOf(await create({ triggerType: 'TIME_BASED', conditions: { everyMinutes: 60 }, actions: [{ type: 'EVOLVE_CONSTRAINTS' }] })).createEvolutionTrigger;
    const off = dataOf(await goliath.call<{ updateEvolutionTrigger: Trigger }>('mutation ($id: ID!) { updateEvolutionTrigger(triggerId: $id, input: { isActive: false }) { isActive } }', { id: trigger.triggerId }, analyst)).updateEvolutionTrigger;
    expect(off.isActive).toBe(false);
    const refused = await create({ triggerType: 'TIME_BASED', conditions: { everyMinutes: 60, feasibilityBelow: 0.5 }, actions: [{ type: 'EVOLVE_CONSTRAINTS' }] });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0].extensions?.field).toBe('conditions.feasibilityBelow');
    expect(errorCodes(await create({ triggerType: 'MARKET_CHANGE', conditions: {}, actions: [] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await create({ triggerType: 'MARKET_CHANGE', conditions: {}, actions: [{ type: 'DELETE_EVERYTHING' }] }))).toEqual(['BAD_USER_INPUT']);
    const [other] = await goliath.createTenants('Globex');
    const outsider = await goliath.token('TENANT_ADMIN', other);
    expect(errorCodes(await goliath.call('mutation ($id: ID!) { updateEvolutionTrigger(triggerId: $id, input: { isActive: true }) { isActive } }', { id: trigger.triggerId }, outsider))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call(TRIGGERS, { t: tenant }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await create({ triggerType: 'MARKET_CHANGE', conditions: {}, actions: [{ type: 'EVOLVE_CONSTRAINTS' }] }, await goliath.token('VIEWER', tenant)))).toEqual(['FORBIDDEN']);
  });
});
