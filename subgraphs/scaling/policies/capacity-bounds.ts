import { DAYS_OF_WEEK, type ScalingRules } from '../../../schema/events';
import { HOURS_PER_WEEK } from '../scheduling/schedule-rules';

export interface CapacityBounds {
  readonly min: readonly number[];
  readonly max: readonly number[];
}

/** The policy's bounds for each of the 168 hours of the week (0 is Monday 00:00 UTC, as schedule-rules.ts counts): its own, overridden by each window in turn. */
export function capacityBounds(rules: Pick<ScalingRules, 'minCapacity' | 'maxCapacity' | 'capacityWindows'>): CapacityBounds {
  const min = new Array<number>(HOURS_PER_WEEK).fill(rules.minCapacity);
  const max = new Array<number>(HOURS_PER_WEEK).fill(rules.maxCapacity);
  for (const window of rules.capacityWindows) {
    for (const day of window.daysOfWeek) {
      for (let hour = window.fromHour; hour < window.toHour; hour++) {
        const index = DAYS_OF_WEEK.indexOf(day) * 24 + hour;
        min[index] = window.minCapacity;
        max[index] = window.maxCapacity;
      }
    }
  }
  return { min, max };
}

/** Where the bounds cannot both hold (a minimum above the maximum), said in the user's terms; undefined when they can. */
export function boundsConflict(rules: Pick<ScalingRules, 'minCapacity' | 'maxCapacity' | 'capacityWindows'>): string | undefined {
  const { min, max } = capacityBounds(rules);
  const hour = min.findIndex((low, index) => low > max[index]);
  if (hour < 0) return undefined;
  const at = `${DAYS_OF_WEEK[Math.floor(hour / 24)]} ${String(hour % 24).padStart(2, '0')}:00 UTC`;
  return `minCapacity ${min[hour]} is above maxCapacity ${max[hour]} at ${at}`;
}
