import { capturedIo } from '../../cli/test-support/captured-io';
import { runUsage } from '../../cli/usage-command';
import { tenantCapacityStreamId } from '../../schema/events';
import { collect, dataOf, errorCodes, subscriptionClient } from '../support/gateway-client';
import { eventually } from '../support/eventually';
import { ManualClock } from '../support/manual-clock';
import { sharedDataFile } from '../support/shared-data';
import { useTestPlatform } from '../support/test-platform';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import { join } from 'node:path';

jest.setTimeout(120_000);

const SCHEDULE_FIELDS = 'scheduleId status cost coverage requiresApproval optimality start capacities required actions { actionId targetCapacity fromCapacity scheduledTime time status reason } shortfalls { time short }';

interface Schedule {
  scheduleId: string;
  status: string;
  cost: number;
  coverage: number;
  capacities: number[];
  required: number[];
  actions: { actionId: string; targetCapacity: number; scheduledTime: string; time: string; status: string; reason: string | null }[];
  shortfalls: { time: string; short: number }[];
}

/**
 * The whole loop through the gateway: a real series imported → forecast → policy → schedule →
 * approval → apply → the scheduler changes the tenant's solver allowance at the scheduled times
 * (a clock the test moves), jobs run with it, and scalingEvents shows each step live.
 */
describe('scaling schedules through the gateway', () => {
  const clock = new ManualClock();
  const goliath = useTestPlatform({
    clock: clock.now,
    env: { SCALING_SCHEDULER_CHECK_MS: '100', SOLVER_WORKERS: '1', SOLVE_JOBS_CONCURRENCY: '1', SOLVE_JOBS_PER_TENANT: '1', SOLVE_JOBS_MAX_CONCURRENCY: '8' },
  });
  let tenant: string;
  let ada: string;
  let bob: string;
  let scheduleId: string;

  const schedule = async (scheduleId: string, token = ada) => dataOf(await goliath.call<{ scalingSchedule: Schedule }>(`query ($id: ID!) { scalingSchedule(scheduleId: $id) { ${SCHEDULE_FIELDS} } }`, { id: scheduleId }, token)).scalingSchedule;
  const allowance = async () => dataOf(await goliath.call<{ tenant: { scalingProfile: { solverAllowance: number } } }>('query ($id: ID!) { tenant(id: $id) { scalingProfile { solverAllowance } } }', { id: tenant }, ada)).tenant.scalingProfile.solverAllowance;

  beforeAll(async () => {
    [tenant] = await goliath.createTenants('Acme');
    ada = await goliath.token('TENANT_ADMIN', tenant, 'ada');
    bob = await goliath.token('TENANT_ADMIN', tenant, 'bob');
    const io = capturedIo();
    const args = ['import', sharedDataFile('demand', 'nab', 'nyc_taxi.csv'), '--tenant', tenant, '--resource', 'compute', '--aggregate', 'sum', '--shift-to-now'];
    expect(await runUsage(args, io, { DATA_DIR: goliath.dataDir, LOG_LEVEL: 'silent' })).toBe(0);
  });

  it('plans, approves and applies a schedule; the scheduler sets the solver allowance at each action time, once, across a restart', async () => {
    const client = subscriptionClient(goliath.platform.subscriptionUrl, ada);
    const feed = collect<{ scalingEvents: { type: string } }>(client, `subscription { scalingEvents(tenantId: "${tenant}") { type } }`, 6, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    // given a day's forecast of the imported demand
    const [prediction] = dataOf(await goliath.call<{ predictResourceDemand: { predictionId: string; points: { upper: number }[] }[] }>('mutation ($t: ID!) { predictResourceDemand(input: { tenantId: $t, timeHorizon: 24 }) { predictionId points { upper } } }', { t: tenant }, ada)).predictResourceDemand;
    // and a policy whose unit serves a third of the forecast peak, so the plan moves between 1 and 3 units or so
    const unitSize = Math.ceil(Math.max(...prediction.points.map((point) => point.upper)) / 3);
    const policy = dataOf(
      await goliath.call<{ createScalingPolicy: { policyId: string } }>(
        'mutation ($t: ID!, $u: Float!) { createScalingPolicy(input: { tenantId: $t, resourceType: COMPUTE, scalingRules: { mode: FORECAST_AND_SCALE, minCapacity: 1, maxCapacity: 4, unitSize: $u, schedulingBufferMinutes: 10 } }) { policyId } }',
        { t: tenant, u: unitSize },
        ada,
      ),
    ).createScalingPolicy;

    // when ada plans it, then each hour has the units its 95th percentile needs, at least cost, waiting for approval
    const planned = dataOf(await goliath.call<{ optimizeScalingSchedule: Schedule }>(`mutation ($t: ID!, $p: ID!) { optimizeScalingSchedule(input: { tenantId: $t, policyId: $p }) { ${SCHEDULE_FIELDS} } }`, { t: tenant, p: policy.policyId }, ada)).optimizeScalingSchedule;
    expect(planned).toMatchObject({ status: 'PROPOSED', coverage: 1, shortfalls: [] });
    expect(planned.capacities).toHaveLength(24);
    planned.capacities.forEach((units, hour) => expect(units).toBeGreaterThanOrEqual(planned.required[hour]));
    expect(Math.max(...planned.capacities)).toBeGreaterThanOrEqual(3);
    const actions = planned.actions;
    // A day of a strong daily cycle, a unit a third of the peak: up in the day, down at night.
    expect(actions.length).toBeGreaterThanOrEqual(4);
    for (const action of actions) expect(Date.parse(action.time) - Date.parse(action.scheduledTime)).toBe(10 * 60_000);

    // and ada may not approve her own schedule, nor apply it before approval; bob approves and applies it
    const own = await goliath.call(`mutation ($id: ID!) { approveScalingSchedule(scheduleId: $id) { status } }`, { id: planned.scheduleId }, ada);
    expect(errorCodes(own)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call(`mutation ($id: ID!) { applyScalingSchedule(scheduleId: $id) { status } }`, { id: planned.scheduleId }, bob))).toEqual(['CONFLICT']);
    expect(dataOf(await goliath.call<{ approveScalingSchedule: Schedule }>('mutation ($id: ID!) { approveScalingSchedule(scheduleId: $id) { status } }', { id: planned.scheduleId }, bob)).approveScalingSchedule.status).toBe('APPROVED');
    expect(dataOf(await goliath.call<{ applyScalingSchedule: Schedule }>('mutation ($id: ID!) { applyScalingSchedule(scheduleId: $id) { status } }', { id: planned.scheduleId }, bob)).applyScalingSchedule.status).toBe('APPLIED');

    // then an action already due (the current hour's, less the buffer) runs at once; the others wait for their time
    const appliedAt = clock.now().getTime();
    const due = actions.filter((action) => Date.parse(action.scheduledTime) <= appliedAt);
    const future = actions.filter((action) => Date.parse(action.scheduledTime) > appliedAt);
    expect(future.length).toBeGreaterThanOrEqual(3);
    const before = due.length > 0 ? due[due.length - 1].targetCapacity : 1;
    await eventually(async () => expect(await allowance()).toBe(before), 10_000);
    expect((await schedule(planned.scheduleId)).actions.filter((action) => action.status === 'PENDING')).toHaveLength(future.length);

    // when the clock reaches the next action's time, then the allowance becomes its target
    clock.advanceTo(future[0].scheduledTime);
    await eventually(async () => expect((await schedule(planned.scheduleId)).actions.find((action) => action.actionId === future[0].actionId)?.status).toBe('APPLIED'), 10_000);
    expect(await allowance()).toBe(future[0].targetCapacity);
    // and the subscriber saw every step live
    const seen = (await feed).map((message) => message.data?.scalingEvents.type);
    expect(seen).toEqual(['ResourceDemandPredicted', 'ScalingPolicyCreated', 'ScalingScheduleProposed', 'ScalingScheduleApproved', 'ScalingScheduleApplied', 'TenantCapacityChanged']);
    await client.dispose();

    // when the platform restarts and the clock passes the next two actions at once
    await goliath.restart();
    clock.advanceTo(future[2].scheduledTime);
    await eventually(async () => expect((await schedule(planned.scheduleId)).actions.find((action) => action.actionId === future[2].actionId)?.status).toBe('APPLIED'), 10_000);
    const settled = (await schedule(planned.scheduleId)).actions;
    // then the latest is applied and the one it overtook is recorded as superseded, not lost
    expect(settled.find((action) => action.actionId === future[1].actionId)).toMatchObject({ status: 'FAILED', reason: expect.stringMatching(/^superseded by/) });
    expect(await allowance()).toBe(future[2].targetCapacity);
    scheduleId = planned.scheduleId;
    // and each action changed the capacity at most once
    const store = createSqliteEventStore({ file: join(goliath.dataDir, 'goliath.db') });
    try {
      const changes = (await store.readStream(tenantCapacityStreamId(tenant))).filter((event) => event.type === 'TenantCapacityChanged').map((event) => (event.data as { actionId: string }).actionId);
      expect(changes.length).toBeGreaterThanOrEqual(2);
      expect(new Set(changes).size).toBe(changes.length);
    } finally {
      await store.close();
    }
  });

  it("runs as many of the tenant's jobs at once as the allowance scaling gave it", async () => {
    // given the schedule's next action that allows more than one job, reached
    const next = (await schedule(scheduleId)).actions.find((action) => action.status === 'PENDING' && action.targetCapacity >= 2)!;
    clock.advanceTo(next.scheduledTime);
    await eventually(async () => expect(await allowance()).toBe(next.targetCapacity), 10_000);
    const target = next.targetCapacity;
    // when the tenant submits one job more than that
    const qubo = { variables: ['a', 'b', 'c', 'd'], linear: [{ variable: 'a', coefficient: -1 }], quadratic: [{ u: 'a', v: 'b', coefficient: 2 }] };
    const jobs: string[] = [];
    for (let index = 0; index < target + 1; index++) {
      jobs.push(dataOf(await goliath.call<{ submitSolveJob: { id: string } }>('mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id } }', { input: { tenantId: tenant, qubo, timeLimitMs: 3_000, seed: index } }, ada)).submitSolveJob.id);
    }
    // then that many run at once, and no more
    const running = async () => dataOf(await goliath.call<{ solveJobs: { edges: unknown[] } }>('query ($t: ID!) { solveJobs(tenantId: $t, status: RUNNING) { edges { node { id } } } }', { t: tenant }, ada)).solveJobs.edges.length;
    await eventually(async () => expect(await running()).toBe(target), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await running()).toBe(target);
  });

  it('refuses to apply a FORECAST_ONLY plan, and keeps schedules to their tenant', async () => {
    const policies = dataOf(await goliath.call<{ scalingPolicies: { policyId: string }[] }>('query ($t: ID!) { scalingPolicies(tenantId: $t) { policyId } }', { t: tenant }, ada)).scalingPolicies;
    dataOf(await goliath.call('mutation ($id: ID!) { updateScalingPolicy(policyId: $id, input: { scalingRules: { mode: FORECAST_ONLY }, autoApproval: true }) { policyId } }', { id: policies[0].policyId }, ada));
    const planned = dataOf(await goliath.call<{ optimizeScalingSchedule: Schedule }>(`mutation ($t: ID!, $p: ID!) { optimizeScalingSchedule(input: { tenantId: $t, policyId: $p }) { ${SCHEDULE_FIELDS} } }`, { t: tenant, p: policies[0].policyId }, ada)).optimizeScalingSchedule;
    expect(planned.status).toBe('APPROVED');
    const refused = await goliath.call('mutation ($id: ID!) { applyScalingSchedule(scheduleId: $id) { status } }', { id: planned.scheduleId }, ada);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0].extensions?.reason).toBe('FORECAST_ONLY');
    const [other] = await goliath.createTenants('Globex');
    const outsider = await goliath.token('TENANT_ADMIN', other);
    expect(errorCodes(await goliath.call(`query ($id: ID!) { scalingSchedule(scheduleId: $id) { status } }`, { id: planned.scheduleId }, outsider))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call(`mutation ($t: ID!, $p: ID!) { optimizeScalingSchedule(input: { tenantId: $t, policyId: $p }) { status } }`, { t: tenant, p: policies[0].policyId }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call(`mutation ($t: ID!, $p: ID!) { optimizeScalingSchedule(input: { tenantId: $t, policyId: $p }) { status } }`, { t: tenant, p: policies[0].policyId }, await goliath.token('ANALYST', tenant)))).toEqual(['FORBIDDEN']);
  });
});
