import { scalingScheduleStreamId, tenantCapacityStreamId, type ScalingScheduleDefinition, type ScalingScheduleEvent, type TenantCapacityEvent } from '../schema/events';
import { SCALING_SCHEDULES_COLLECTION, TENANT_CAPACITIES_COLLECTION } from '../schema/read-models/scaling';
import { describeProjection, stream } from '../test/support/projection-spec';
import { scalingSchedulesProjection } from './scaling-schedules';

const at = '2026-12-03T12:00:00.000Z';
const action = (hour: number, targetCapacity: number) => ({
  actionId: `s1:${hour}`,
  resourceType: 'COMPUTE' as const,
  time: `2026-12-03T${12 + hour}:00:00.000Z`,
  scheduledTime: `2026-12-03T${11 + hour}:50:00.000Z`,
  fromCapacity: 1,
  targetCapacity,
});
const schedule: ScalingScheduleDefinition = {
  scheduleId: 's1',
  tenantId: 'acme',
  policyId: 'p1',
  resourceType: 'COMPUTE',
  predictionIds: ['f1'],
  start: at,
  required: [1, 3, 2],
  capacities: [1, 3, 2],
  actions: [action(1, 3), action(2, 2)],
  cost: 6,
  coverage: 1,
  coverageTarget: 0.99,
  shortfalls: [],
  costLimitBinding: false,
  algorithm: 'exact',
  optimality: { kind: 'EXACT' },
  demandQuantile: 0.95,
  unitSize: 3600,
  requiresApproval: true,
};

describeProjection(scalingSchedulesProjection, (spec) => {
  const events = stream<ScalingScheduleEvent>(scalingScheduleStreamId('s1'), 'acme');
  const capacity = stream<TenantCapacityEvent>(tenantCapacityStreamId('acme'), 'acme');

  it('follows a schedule from proposal to completion, and the capacity its actions set', () =>
    spec
      .given(
        events({ type: 'ScalingScheduleProposed', data: { ...schedule, proposedBy: 'ada', proposedAt: at } }),
        events({ type: 'ScalingScheduleApproved', data: { scheduleId: 's1', tenantId: 'acme', approvedBy: 'bob', automatically: false, approvedAt: at } }),
        events({ type: 'ScalingScheduleApplied', data: { scheduleId: 's1', tenantId: 'acme', appliedBy: 'bob', appliedAt: at } }),
      )
      .when(
        capacity({ type: 'TenantCapacityChanged', data: { tenantId: 'acme', resourceType: 'COMPUTE', capacity: 3, previousCapacity: null, actionId: 's1:1', scheduleId: 's1', changedBy: 'system:scaling-scheduler', changedAt: '2026-12-03T12:50:00.000Z' } }),
        events({ type: 'ScalingActionApplied', data: { scheduleId: 's1', tenantId: 'acme', actionId: 's1:1', resourceType: 'COMPUTE', targetCapacity: 3, appliedAt: '2026-12-03T12:50:00.000Z' } }),
        events({ type: 'ScalingActionFailed', data: { scheduleId: 's1', tenantId: 'acme', actionId: 's1:2', reason: 'executor down', superseded: false, failedAt: '2026-12-03T13:50:00.000Z' } }),
      )
      .then({
        [SCALING_SCHEDULES_COLLECTION]: [
          {
            id: 's1',
            ...schedule,
            status: 'COMPLETED',
            actions: [
              { ...action(1, 3), status: 'APPLIED', settledAt: '2026-12-03T12:50:00.000Z', reason: null },
              { ...action(2, 2), status: 'FAILED', settledAt: '2026-12-03T13:50:00.000Z', reason: 'executor down' },
            ],
            proposedBy: 'ada',
            proposedAt: at,
            approvedBy: 'bob',
            approvedAt: at,
            appliedAt: at,
          },
        ],
        [TENANT_CAPACITIES_COLLECTION]: [{ id: 'acme:COMPUTE', tenantId: 'acme', resourceType: 'COMPUTE', capacity: 3, scheduleId: 's1', actionId: 's1:1', changedAt: '2026-12-03T12:50:00.000Z' }],
      }));
});
