import { compareOutcomes, ruleBreach, scheduleCost, scheduleShortfall, withinCostLimit, type ScheduleProblem } from '../schedule-problem';

export interface BruteForceOptimum {
  readonly shortfall: number;
  readonly cost: number;
}

/**
 * The optimum by enumerating every schedule over the levels the bounds allow: least shortfall
 * within the rules and the cost limit, then least cost. Undefined when no schedule qualifies.
 * Levels^hours schedules: keep instances tiny (6 hours × 4 levels is 4,096).
 */
export function bruteForceOptimum(problem: ScheduleProblem): BruteForceOptimum | undefined {
  let best: { shortfall: number; cost: number } | undefined;
  for (const capacities of everySchedule(problem)) {
    if (ruleBreach(problem, capacities) !== undefined) continue;
    const outcome = { shortfall: scheduleShortfall(problem, capacities), cost: scheduleCost(problem, capacities) };
    if (!withinCostLimit(problem, outcome.cost)) continue;
    if (best === undefined || compareOutcomes(outcome, best) < -1e-9) best = outcome;
  }
  return best;
}

/** The least and greatest cost of any rule-abiding schedule, ignoring the cost limit. */
export function costRange(problem: ScheduleProblem): { least: number; most: number } | undefined {
  let least = Infinity;
  let most = -Infinity;
  for (const capacities of everySchedule(problem)) {
    if (ruleBreach(problem, capacities) !== undefined) continue;
    const cost = scheduleCost(problem, capacities);
    least = Math.min(least, cost);
    most = Math.max(most, cost);
  }
  return least === Infinity ? undefined : { least, most };
}

function* everySchedule(problem: ScheduleProblem): IterableIterator<number[]> {
  const capacities = [...problem.minCapacity];
  for (;;) {
    yield [...capacities];
    let t = 0;
    while (t < problem.hours && capacities[t] === problem.maxCapacity[t]) {
      capacities[t] = problem.minCapacity[t];
      t++;
    }
    if (t === problem.hours) return;
    capacities[t]++;
  }
}
