import { exactSchedule } from './exact-schedule';
import { geneticSchedule } from './genetic-schedule';
import { bestRankedSchedule, SHORTFALL_THEN_COST } from './ranked-schedule-dp';
import { scheduleCost, scheduleShortfall, withinCostLimit, type ScheduleProblem } from './schedule-problem';
import { hourAt, scheduleProblem, type ScheduleProblemInput } from './schedule-rules';
import type { Optimality } from './solved-schedule';
import { DomainError } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';

/** The values SCALING_OPTIMIZATION_ALGORITHM accepts; `exact` is the default. */
export const SCHEDULE_ALGORITHMS = ['exact', 'genetic'] as const;
export type ScheduleAlgorithm = (typeof SCHEDULE_ALGORITHMS)[number];

const MAX_BUFFER_MINUTES = 24 * 60;

export interface ScheduleRequest extends ScheduleProblemInput {
  readonly algorithm?: ScheduleAlgorithm;
  /** Seeds the genetic search; the same seed gives the same schedule. */
  readonly seed?: number;
  /** Actions run this many minutes before the hour they are for, so capacity is ready on the hour. */
  readonly bufferMinutes?: number;
}

export interface ScheduledAction {
  readonly hourIndex: number;
  /** The hour the new capacity is for. */
  readonly time: Date;
  /** When the executor should start the change: `time` less the buffer. */
  readonly scheduledTime: Date;
  readonly fromCapacity: number;
  readonly targetCapacity: number;
}

export interface HourShortfall {
  readonly hourIndex: number;
  readonly time: Date;
  readonly required: number;
  readonly capacity: number;
  /** required − capacity, in capacity units. */
  readonly short: number;
}

export interface ScalingSchedule {
  readonly start: Date;
  /** Capacity units for each hour from `start`. */
  readonly capacities: number[];
  /** One per hour whose capacity differs from the hour before (the first compared with the initial capacity). */
  readonly actions: ScheduledAction[];
  readonly cost: number;
  /** Share of hours whose capacity meets the requirement. */
  readonly coverage: number;
  /** Every hour that falls short, and by how much: never under-provisioned silently. */
  readonly shortfalls: HourShortfall[];
  readonly totalShortfall: number;
  /** True when every hour's requirement is met. */
  readonly fullyCovered: boolean;
  /**
   * True when the cost limit, not the capacity rules, is why hours fall short: the least shortfall
   * the rules allow costs more than the limit. Decided by the exact DP, whatever the algorithm.
   */
  readonly costLimitBinding: boolean;
  readonly algorithm: ScheduleAlgorithm;
  readonly optimality: Optimality;
}

/**
 * The capacity schedule of least total shortfall within the policy's rules and cost limit, then of
 * least cost: `exact` (dynamic programming, see exact-schedule.ts) or `genetic` (for comparison).
 * Refuses malformed or contradictory rules with BAD_USER_INPUT naming the field.
 */
export function optimizeSchedule(request: ScheduleRequest): ScalingSchedule {
  const problem = scheduleProblem(request);
  const algorithm = request.algorithm ?? 'exact';
  const bufferMinutes = request.bufferMinutes ?? 0;
  if (!Number.isInteger(bufferMinutes) || bufferMinutes < 0 || bufferMinutes > MAX_BUFFER_MINUTES) {
    throw new DomainError(ErrorCode.BadUserInput, `bufferMinutes is a whole number from 0 to ${MAX_BUFFER_MINUTES}.`, { field: 'bufferMinutes', reason: 'INVALID_SCHEDULE_RULE' });
  }
  if (!SCHEDULE_ALGORITHMS.includes(algorithm)) {
    throw new DomainError(ErrorCode.BadUserInput, `algorithm is one of ${SCHEDULE_ALGORITHMS.join(', ')}.`, { field: 'algorithm', reason: 'INVALID_SCHEDULE_RULE' });
  }
  const solved = algorithm === 'exact' ? exactSchedule(problem) : geneticSchedule(problem, request.seed ?? 1);
  const { capacities } = solved;
  const shortfalls = capacities.flatMap((capacity, t): HourShortfall[] =>
    capacity < problem.required[t] ? [{ hourIndex: t, time: hourAt(request.start, t), required: problem.required[t], capacity, short: problem.required[t] - capacity }] : [],
  );
  return {
    start: request.start,
    capacities,
    actions: actionsOf(problem, capacities, request.start, bufferMinutes),
    cost: scheduleCost(problem, capacities),
    coverage: (problem.hours - shortfalls.length) / problem.hours,
    shortfalls,
    totalShortfall: scheduleShortfall(problem, capacities),
    fullyCovered: shortfalls.length === 0,
    costLimitBinding: costLimitBinds(problem),
    algorithm,
    optimality: solved.optimality,
  };
}

function actionsOf(problem: ScheduleProblem, capacities: readonly number[], start: Date, bufferMinutes: number): ScheduledAction[] {
  return capacities.flatMap((capacity, t): ScheduledAction[] => {
    const before = t === 0 ? problem.initialCapacity : capacities[t - 1];
    if (capacity === before) return [];
    const time = hourAt(start, t);
    return [{ hourIndex: t, time, scheduledTime: new Date(time.getTime() - bufferMinutes * 60_000), fromCapacity: before, targetCapacity: capacity }];
  });
}

function costLimitBinds(problem: ScheduleProblem): boolean {
  if (problem.costLimit === Infinity) return false;
  const leastShortfall = bestRankedSchedule(problem, SHORTFALL_THEN_COST);
  return leastShortfall !== undefined && !withinCostLimit(problem, scheduleCost(problem, leastShortfall));
}
