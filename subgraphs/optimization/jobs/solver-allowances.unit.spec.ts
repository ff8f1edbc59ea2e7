import type { TenantCapacityChanged } from '../../../schema/events';
import { SolverAllowances } from './solver-allowances';

const change = (tenantId: string, capacity: number, resourceType: TenantCapacityChanged['data']['resourceType'] = 'COMPUTE'): TenantCapacityChanged['data'] => ({
  tenantId,
  resourceType,
  capacity,
  previousCapacity: null,
  actionId: `${tenantId}-${capacity}`,
  scheduleId: 's1',
  changedBy: 'system:scaling-scheduler',
  changedAt: '2026-12-03T12:00:00.000Z',
});

describe('solver allowances', () => {
  it('given no change, then every tenant has the default cap and the runner its shared slots', () => {
    const allowances = new SolverAllowances({ sharedSlots: 2, defaultPerTenant: 1, maxSlots: 6 });
    expect([allowances.capOf('acme'), allowances.slots()]).toEqual([1, 2]);
  });

  it('given compute allowances, then each tenant gets its own cap and the slots grow with their sum, within the maximum', () => {
    const allowances = new SolverAllowances({ sharedSlots: 2, defaultPerTenant: 1, maxSlots: 6 });
    expect(allowances.apply(change('acme', 3))).toBe(true);
    expect([allowances.capOf('acme'), allowances.capOf('globex'), allowances.slots()]).toEqual([3, 1, 5]);
    allowances.apply(change('globex', 4));
    expect(allowances.slots()).toBe(6);
    allowances.apply(change('acme', 0));
    expect([allowances.capOf('acme'), allowances.slots()]).toEqual([0, 6]);
  });

  it('given a change of another resource or the same allowance again, then nothing changes', () => {
    const allowances = new SolverAllowances({ sharedSlots: 2, defaultPerTenant: 1, maxSlots: 6 });
    expect(allowances.apply(change('acme', 3, 'MEMORY'))).toBe(false);
    expect(allowances.apply(change('acme', 2))).toBe(true);
    expect(allowances.apply(change('acme', 2))).toBe(false);
  });
});
