import type { TenantCapacityEvent } from '../../../schema/events';
import { deciderSpec } from '../../../test/support/decider-spec';
import { tenantCapacityDecider, type ChangeTenantCapacity } from './tenant-capacity-decider';

const spec = deciderSpec(tenantCapacityDecider);
const change = (actionId: string, capacity: number): ChangeTenantCapacity => ({
  type: 'ChangeTenantCapacity',
  change: { tenantId: 't1', resourceType: 'COMPUTE', capacity, actionId, scheduleId: 's1', changedBy: 'system:scaling-scheduler', changedAt: '2026-12-03T12:00:00.000Z' },
});
const changed = (actionId: string, capacity: number, previousCapacity: number | null): TenantCapacityEvent => ({ type: 'TenantCapacityChanged', data: { ...change(actionId, capacity).change, previousCapacity } });

describe('tenant capacity decider', () => {
  it('given no capacity, when an action sets one, then it is recorded with no previous value; the next records the previous', () => {
    spec.given([]).when(change('a1', 3)).then([changed('a1', 3, null)]);
    spec.given([changed('a1', 3, null)]).when(change('a2', 1)).then([changed('a2', 1, 3)]);
  });

  it('given an action already applied, when applied again (a retried scheduler), then nothing changes', () => {
    spec.given([changed('a1', 3, null)]).when(change('a1', 3)).then([]);
  });
});
