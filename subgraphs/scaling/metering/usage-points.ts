import { badUserInput } from '../../../platform/errors';
import type { UsagePoint } from '../../../schema/events';
import { hourOf } from '../../../schema/read-models/usage';

/** Points one recordUsage call may carry: a month of hours fits; more is what the import is for. */
export const MAX_RECORDED_POINTS = 1000;

export interface GivenPoint {
  readonly time: Date | string;
  readonly value: number;
}

/**
 * Usage points as stored: each value a finite number ≥ 0, each time moved to the start of its
 * UTC hour. Anything else is BAD_USER_INPUT naming the point, and nothing is recorded.
 */
export function checkedUsagePoints(points: readonly GivenPoint[], field = 'points'): UsagePoint[] {
  if (points.length === 0 || points.length > MAX_RECORDED_POINTS) throw badUserInput(`${field} lists 1 to ${MAX_RECORDED_POINTS} points; import longer series with \`goliath usage import\`.`, field);
  return points.map((point, index) => {
    const time = new Date(point.time);
    if (Number.isNaN(time.getTime())) throw badUserInput(`${field}[${index}].time is not a date-time.`, `${field}[${index}].time`);
    if (!Number.isFinite(point.value) || point.value < 0) throw badUserInput(`${field}[${index}].value must be a finite number ≥ 0, got ${point.value}.`, `${field}[${index}].value`);
    return { time: hourOf(time), value: point.value };
  });
}
