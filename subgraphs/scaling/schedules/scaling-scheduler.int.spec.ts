import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UPCASTER_REGISTRY } from '../../../app/event-upcasters';
import { auditedAction } from '../../../platform/audit/change-audited';
import { executeCommand } from '../../../platform/commands/execute-command';
import { servicePrincipal } from '../../../platform/commands/service-principal';
import { loadConfig } from '../../../platform/config';
import { createLogger } from '../../../platform/logging';
import { tenantCapacityStreamId, type ResourceTypeName, type ScalingScheduleDefinition } from '../../../schema/events';
import { SCALING_SCHEDULES_COLLECTION, type ScalingScheduleDocument } from '../../../schema/read-models/scaling';
import { ManualClock } from '../../../test/support/manual-clock';
import { projectedStores, type ProjectedStores } from '../../../test/support/projected-stores';
import { scalingSchedules } from '../domain/command-handlers';
import { SCALING_PERMISSIONS, SCALING_SCHEDULER } from '../graphql/permissions';
import { ScalingScheduler } from './scaling-scheduler';
import { solverAllowanceExecutor, type ScalingExecutor } from './scaling-executors';

describe('ScalingScheduler (real SQLite stores and projections)', () => {
  let dir: string;
  let stores: ProjectedStores;
  let clock: ManualClock;
  const at = (hoursFromNow: number) => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + hoursFromNow * 3_600_000).toISOString();

  beforeEach(async () => {
    clock = new ManualClock();
    dir = mkdtempSync(join(tmpdir(), 'goliath-scheduler-'));
    stores = await projectedStores(join(dir, 'goliath.db'));
  });
  afterEach(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const deps = () => ({ ...stores, upcasters: UPCASTER_REGISTRY, clock: clock.now, logger: createLogger('scheduler-test', 'silent'), config: loadConfig({ DATA_DIR: dir }) });

  /** An approved and applied schedule of `resourceType` with actions 1, 2 and 3 hours from now. */
  async function appliedSchedule(resourceType: 'COMPUTE' | 'NETWORK'): Promise<string> {
    const scheduleId = `s-${resourceType}`;
    const actions = [1, 2, 3].map((hour) => ({ actionId: `${scheduleId}:${hour}`, resourceType, time: at(hour), scheduledTime: at(hour), fromCapacity: hour, targetCapacity: hour + 1 }));
    const schedule: ScalingScheduleDefinition = {
      scheduleId, tenantId: 'acme', policyId: 'p1', resourceType, predictionIds: [], start: at(0), required: [1, 2, 3, 4], capacities: [1, 2, 3, 4], actions,
      cost: 10, coverage: 1, coverageTarget: 0.99, shortfalls: [], costLimitBinding: false, algorithm: 'exact', optimality: { kind: 'EXACT' }, demandQuantile: 0.95, unitSize: 1, requiresApproval: false,
    };
    const caller = { actor: 'ada', correlationId: scheduleId, causationId: scheduleId, audit: auditedAction('scaling.optimizeScalingSchedule') };
    await executeCommand(deps(), caller, scalingSchedules, { type: 'ProposeScalingSchedule', schedule, by: 'ada', at: at(0) }, { tenantId: 'acme' });
    await executeCommand(deps(), caller, scalingSchedules, { type: 'ApplyScalingSchedule', scheduleId, tenantId: 'acme', by: 'ada', at: at(0) }, { tenantId: 'acme' });
    return scheduleId;
  }

  const statuses = async (scheduleId: string) => (await stores.readStore.collection<ScalingScheduleDocument>(SCALING_SCHEDULES_COLLECTION).get(scheduleId))!.actions.map((action) => [action.status, action.reason]);
  const scheduler = (executors: Readonly<Partial<Record<ResourceTypeName, ScalingExecutor>>>) => new ScalingScheduler(deps(), servicePrincipal(SCALING_SCHEDULER, 'scaling', SCALING_PERMISSIONS), executors);

  it('given actions not yet due, when it runs, then nothing happens; at their time each runs once, the overtaken one recorded as superseded', async () => {
    const scheduleId = await appliedSchedule('COMPUTE');
    const runner = scheduler({ COMPUTE: solverAllowanceExecutor(deps()) });
    await runner.runOnce();
    expect(await statuses(scheduleId)).toEqual([['PENDING', null], ['PENDING', null], ['PENDING', null]]);
    clock.advanceTo(at(1));
    await runner.runOnce();
    await runner.runOnce();
    expect((await statuses(scheduleId))[0]).toEqual(['APPLIED', null]);
    clock.advanceTo(at(3));
    await runner.runOnce();
    expect(await statuses(scheduleId)).toEqual([['APPLIED', null], ['FAILED', `superseded by ${scheduleId}:3: both were due when the scheduler ran`], ['APPLIED', null]]);
    const changes = (await stores.eventStore.readStream(tenantCapacityStreamId('acme'))).filter((event) => event.type === 'TenantCapacityChanged');
    expect(changes.map((event) => (event.data as { capacity: number }).capacity)).toEqual([2, 4]);
  });

  it('given an executor that fails, or a resource without one, when its action is due, then the action is recorded as failed with the reason', async () => {
    const network = await appliedSchedule('NETWORK');
    const failing: ScalingExecutor = {
      execute: async () => {
        throw new Error('the network API refused the change');
      },
    };
    clock.advanceTo(at(1));
    await scheduler({ NETWORK: failing }).runOnce();
    expect((await statuses(network))[0]).toEqual(['FAILED', 'the network API refused the change']);
    clock.advanceTo(at(2));
    await scheduler({}).runOnce();
    expect((await statuses(network))[1]).toEqual(['FAILED', 'NETWORK has no executor in Goliath: its schedules are plans only']);
  });
});
