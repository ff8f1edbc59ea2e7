import { BUDGETED_TABLE_LIMITS, leastShortfallWithinBudget, type BudgetedTableLimits } from './budgeted-schedule-dp';
import { lagrangianBracket, tightAtSomePrice } from './lagrangian-bracket';
import { bestRankedSchedule, SHORTFALL_THEN_COST } from './ranked-schedule-dp';
import { cheapestWithinCostLimit, refuseUnreachableRules } from './rule-conflict';
import { compareOutcomes, outcomeOf, withinCostLimit, type ScheduleOutcome, type ScheduleProblem } from './schedule-problem';
import type { SolvedSchedule } from './solved-schedule';
import { trimToCostLimit } from './trim-to-cost-limit';

/**
 * The optimal schedule: least total shortfall within every rule and the cost limit, then least cost.
 *
 * 1. Without regard to the limit, the DP over (hour, level, hours held) finds the least shortfall
 *    and the cheapest schedule reaching it. If that fits the limit it is the optimum (EXACT).
 * 2. Otherwise the limit binds. The cheapest schedule must fit it, or the policy conflicts.
 * 3. Pricing shortfall brackets the optimum's shortfall from below (Lagrangian duality) and finds
 *    schedules within the limit; the priced optimum just above the limit, trimmed until it fits,
 *    is one more. A candidate whose shortfall meets the lower bound and that is tight at one of
 *    the prices (so no schedule of its shortfall is cheaper) is the optimum.
 * 4. Otherwise the budgeted DP, with the shortfall so far as a whole-number state bounded by the
 *    best candidate's and the bracket's prices pruning hopeless states, finds the optimum
 *    exactly, unless its table would exceed its size bound, in which case the best candidate is
 *    returned as BUDGET_BOUNDED with the lower bound.
 */
export function exactSchedule(problem: ScheduleProblem, limits: BudgetedTableLimits = BUDGETED_TABLE_LIMITS): SolvedSchedule {
  const coverFirst = outcomeOf(problem, bestRankedSchedule(problem, SHORTFALL_THEN_COST) ?? refuseUnreachableRules(problem));
  if (withinCostLimit(problem, coverFirst.cost)) return { capacities: coverFirst.capacities, optimality: { kind: 'EXACT' } };

  const bracket = lagrangianBracket(problem, cheapestWithinCostLimit(problem), coverFirst.capacities);
  const { shortfallLowerBound, prices } = bracket;
  const trimmed = trimToCostLimit(problem, bracket.aboveLimit.capacities);
  const candidates: ScheduleOutcome[] = trimmed ? [bracket.withinLimit, outcomeOf(problem, trimmed)] : [bracket.withinLimit];
  const proven = candidates.find((candidate) => candidate.shortfall <= shortfallLowerBound && tightAtSomePrice(candidate, prices));
  if (proven) return { capacities: proven.capacities, optimality: { kind: 'EXACT' } };

  const best = candidates.reduce((a, b) => (compareOutcomes(b, a) < 0 ? b : a));
  const pruningPrices = prices.slice(-2).map(({ price }) => price);
  const optimum = leastShortfallWithinBudget(problem, { shortfallBound: best.shortfall, pruningPrices, limits });
  return optimum === undefined
    ? { capacities: best.capacities, optimality: { kind: 'BUDGET_BOUNDED', shortfallLowerBound } }
    : { capacities: optimum, optimality: { kind: 'EXACT' } };
}
