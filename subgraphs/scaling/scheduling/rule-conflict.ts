import { bestRankedSchedule, COST_THEN_SHORTFALL } from './ranked-schedule-dp';
import { scheduleCost, withinCostLimit, type ScheduleProblem } from './schedule-problem';
import { conflict } from './schedule-rules';

/**
 * The cheapest rule-abiding schedule, which must fit the cost limit: if it does not, no schedule
 * does, and the policy's limit conflicts with its own minimum capacity and other rules.
 */
export function cheapestWithinCostLimit(problem: ScheduleProblem): number[] {
  const cheapest = bestRankedSchedule(problem, COST_THEN_SHORTFALL) ?? refuseUnreachableRules(problem);
  const cost = scheduleCost(problem, cheapest);
  if (!withinCostLimit(problem, cost)) conflict('rules.costLimit', `The cheapest schedule the rules allow costs ${cost}, above the costLimit ${problem.costLimit}.`);
  return cheapest;
}

/**
 * Refuses a policy whose step and hold rules cannot keep capacity within its bounds, naming the
 * first hour no schedule can reach and the rule to relax: the hold when dropping it alone would do,
 * otherwise the step (without a step limit every hour can jump into its bounds, so the step is
 * then always to blame).
 */
export function refuseUnreachableRules(problem: ScheduleProblem): never {
  const hour = firstUnreachableHour(problem);
  const withoutHold = { ...problem, minHoldHours: 1, initialHeldHours: 1 };
  const field = bestRankedSchedule(withoutHold, COST_THEN_SHORTFALL) === undefined ? 'rules.maxStepChange' : 'rules.minHoldHours';
  return conflict(
    field,
    `No schedule from initialCapacity ${problem.initialCapacity} keeps capacity within [${problem.minCapacity[hour]}, ${problem.maxCapacity[hour]}] ` +
      `at hour ${hour} under maxStepChange ${problem.maxStepChange} and minHoldHours ${problem.minHoldHours}.`,
  );
}

/**
 * The first hour no rule-abiding schedule reaches. A schedule of the first h hours exists for every
 * h up to that hour and for none beyond, so a binary search over the horizon's length finds it
 * with the same DP in about log2(hours) runs. Assumes the whole horizon has no schedule.
 */
function firstUnreachableHour(problem: ScheduleProblem): number {
  const reachable = (hours: number): boolean =>
    bestRankedSchedule(
      {
        ...problem,
        hours,
        required: problem.required.slice(0, hours),
        minCapacity: problem.minCapacity.slice(0, hours),
        maxCapacity: problem.maxCapacity.slice(0, hours),
      },
      COST_THEN_SHORTFALL,
    ) !== undefined;
  let reached = 0; // hours known to have a schedule
  let blocked = problem.hours; // hours known to have none
  while (blocked - reached > 1) {
    const middle = Math.floor((reached + blocked) / 2);
    if (reachable(middle)) reached = middle;
    else blocked = middle;
  }
  return blocked - 1;
}
