import { defaultScalingRules } from './policy-input';
import { hourOfWeek } from '../scheduling/schedule-rules';
import { capacityBounds } from './capacity-bounds';

describe('capacity bounds by hour of the week', () => {
  it('given an instant, then its hour of the week counts from Monday 00:00 UTC', () => {
    expect(hourOfWeek(new Date('2026-11-30T00:30:00Z'))).toBe(0); // a Monday
    expect(hourOfWeek(new Date('2026-12-04T09:00:00Z'))).toBe(4 * 24 + 9); // Friday 09:00
    expect(hourOfWeek(new Date('2026-12-06T23:59:00Z'))).toBe(167); // Sunday 23:00
  });

  it('given windows, then they override the policy bounds on their hours only, later windows last', () => {
    const rules = {
      ...defaultScalingRules('COMPUTE'),
      capacityWindows: [
        { daysOfWeek: ['MONDAY' as const, 'TUESDAY' as const], fromHour: 9, toHour: 17, minCapacity: 2, maxCapacity: 8 },
        { daysOfWeek: ['TUESDAY' as const], fromHour: 12, toHour: 13, minCapacity: 3, maxCapacity: 3 },
      ],
    };
    const { min, max } = capacityBounds(rules);
    expect([min[8], max[8]]).toEqual([1, 4]);
    expect([min[9], max[9]]).toEqual([2, 8]);
    expect([min[24 + 12], max[24 + 12]]).toEqual([3, 3]);
    expect([min[24 + 17], max[24 + 17]]).toEqual([1, 4]);
  });
});
