import type { ScalingScheduleDefinition, ScalingScheduleEvent } from '../../../schema/events';
import { deciderSpec } from '../../../test/support/decider-spec';
import { scalingScheduleDecider, type ScalingScheduleCommand } from './scaling-schedule-decider';

const spec = deciderSpec(scalingScheduleDecider);
const at = '2026-12-03T12:00:00.000Z';
const schedule = (requiresApproval: boolean): ScalingScheduleDefinition => ({
  scheduleId: 's1',
  tenantId: 't1',
  policyId: 'p1',
  resourceType: 'COMPUTE',
  predictionIds: ['f1'],
  start: '2026-12-03T12:00:00.000Z',
  required: [1, 3],
  capacities: [1, 3],
  actions: [{ actionId: 'a1', resourceType: 'COMPUTE', time: '2026-12-03T13:00:00.000Z', scheduledTime: '2026-12-03T12:50:00.000Z', fromCapacity: 1, targetCapacity: 3 }],
  cost: 4,
  coverage: 1,
  coverageTarget: 0.99,
  shortfalls: [],
  costLimitBinding: false,
  algorithm: 'exact',
  optimality: { kind: 'EXACT' },
  demandQuantile: 0.95,
  unitSize: 3600,
  requiresApproval,
});
const proposed = (requiresApproval = true): ScalingScheduleEvent => ({ type: 'ScalingScheduleProposed', data: { ...schedule(requiresApproval), proposedBy: 'ada', proposedAt: at } });
const approved: ScalingScheduleEvent = { type: 'ScalingScheduleApproved', data: { scheduleId: 's1', tenantId: 't1', approvedBy: 'bob', automatically: false, approvedAt: at } };
const applied: ScalingScheduleEvent = { type: 'ScalingScheduleApplied', data: { scheduleId: 's1', tenantId: 't1', appliedBy: 'bob', appliedAt: at } };
const command = (type: 'ApproveScalingSchedule' | 'ApplyScalingSchedule', by: string): ScalingScheduleCommand => ({ type, scheduleId: 's1', tenantId: 't1', by, at });

describe('scaling schedule decider', () => {
  it('given a policy without auto approval, when proposed, then it waits; with auto approval it is approved at once', () => {
    spec.given([]).when({ type: 'ProposeScalingSchedule', schedule: schedule(true), by: 'ada', at }).then([proposed()]);
    spec
      .given([])
      .when({ type: 'ProposeScalingSchedule', schedule: schedule(false), by: 'ada', at })
      .then([proposed(false), { type: 'ScalingScheduleApproved', data: { scheduleId: 's1', tenantId: 't1', approvedBy: 'ada', automatically: true, approvedAt: at } }]);
  });

  it('given a proposal, when its author approves it, then FORBIDDEN; another admin approves it once', () => {
    spec.given([proposed()]).when(command('ApproveScalingSchedule', 'ada')).thenRejects('FORBIDDEN', /another tenant admin must approve it/);
    spec.given([proposed()]).when(command('ApproveScalingSchedule', 'bob')).then([approved]);
    spec.given([proposed(), approved]).when(command('ApproveScalingSchedule', 'carl')).thenRejects('CONFLICT');
  });

  it('given a proposal, when applied before approval, then CONFLICT; once approved it is handed over once', () => {
    spec.given([proposed()]).when(command('ApplyScalingSchedule', 'bob')).thenRejects('CONFLICT', /approveScalingSchedule first/);
    spec.given([proposed(), approved]).when(command('ApplyScalingSchedule', 'bob')).then([applied]);
    spec.given([proposed(), approved, applied]).when(command('ApplyScalingSchedule', 'bob')).then([]);
  });

  it('given an applied schedule, when an action is recorded twice, then it is settled once', () => {
    const actionApplied: ScalingScheduleEvent = { type: 'ScalingActionApplied', data: { scheduleId: 's1', tenantId: 't1', actionId: 'a1', resourceType: 'COMPUTE', targetCapacity: 3, appliedAt: at } };
    const record: ScalingScheduleCommand = { type: 'RecordScalingActionApplied', scheduleId: 's1', actionId: 'a1', at };
    spec.given([proposed(), approved, applied]).when(record).then([actionApplied]);
    spec.given([proposed(), approved, applied, actionApplied]).when(record).then([]);
    spec.given([proposed(), approved]).when(record).then([]);
    spec.given([proposed(), approved, applied]).when({ ...record, actionId: 'zz' }).thenRejects('NOT_FOUND');
  });

  it("given another tenant's schedule, when approved, then NOT_FOUND", () => {
    spec.given([proposed()]).when({ ...command('ApproveScalingSchedule', 'bob'), tenantId: 't2' } as ScalingScheduleCommand).thenRejects('NOT_FOUND');
  });
});
