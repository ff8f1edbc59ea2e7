import { bestRankedSchedule, pricedShortfall } from './ranked-schedule-dp';
import { outcomeOf, withinCostLimit, type ScheduleOutcome, type ScheduleProblem } from './schedule-problem';

/** A price of shortfall and the least cost + price × shortfall of any rule-abiding schedule at it. */
export interface PricedValue {
  readonly price: number;
  readonly value: number;
}

export interface LagrangianBracket {
  /** The least-shortfall priced optimum within the cost limit. */
  readonly withinLimit: ScheduleOutcome;
  /** The cheapest priced optimum above the limit: the closest to it. */
  readonly aboveLimit: ScheduleOutcome;
  /** No schedule within the cost limit has a smaller shortfall. */
  readonly shortfallLowerBound: number;
  /** Every price tried, with its value; the last is the critical price. */
  readonly prices: readonly PricedValue[];
}

/** The search visits corners of a convex hull, a handful in practice; this only guards against rounding loops. */
const MAX_PRICES = 64;

/**
 * Brackets the least shortfall reachable within a binding cost limit B by pricing shortfall:
 * minimise cost + price × shortfall (a fast DP). The least value v(p) is concave and piecewise
 * linear in p, each piece a schedule, and the cheapest schedule (p = 0) and the least-shortfall one
 * (p → ∞) are its ends. Starting from those, each step prices shortfall where the lines of the
 * closest schedules within and above the limit cross; a schedule scoring below both replaces the
 * one on its side, and none means the crossing is the budget's critical price. This finds that
 * price exactly, in as many steps as corners it passes.
 *
 * Each price also bounds the optimum from below: a schedule within the limit has C ≤ B and
 * C + p·S ≥ v(p), so S ≥ (v(p) − B) / p (Lagrangian duality), sharpest at the critical price.
 * When a schedule within the limit meets the bound the question is settled; otherwise the exact
 * budgeted DP settles it, with that schedule's shortfall as its bound.
 *
 * `cheapest` must fit the limit (or the policy conflicts) and `leastShortfall` must not (or the
 * limit does not bind).
 */
export function lagrangianBracket(problem: ScheduleProblem, cheapest: number[], leastShortfall: number[]): LagrangianBracket {
  let withinLimit = outcomeOf(problem, cheapest);
  let aboveLimit = outcomeOf(problem, leastShortfall);
  // The least shortfall overall costs too much, so the optimum's is at least one more.
  let lowerBound = aboveLimit.shortfall + 1;
  const prices: PricedValue[] = [{ price: 0, value: withinLimit.cost }];
  while (prices.length < MAX_PRICES && withinLimit.shortfall > Math.max(lowerBound, aboveLimit.shortfall)) {
    const price = (aboveLimit.cost - withinLimit.cost) / (withinLimit.shortfall - aboveLimit.shortfall);
    const priced = bestRankedSchedule(problem, pricedShortfall(price));
    if (priced === undefined) throw new Error('the rules admitted a schedule until shortfall was priced');
    const outcome = outcomeOf(problem, priced);
    const value = outcome.cost + price * outcome.shortfall;
    prices.push({ price, value });
    lowerBound = Math.max(lowerBound, dualBound(problem, price, value));
    const crossing = withinLimit.cost + price * withinLimit.shortfall;
    if (value >= crossing - 1e-9 * Math.max(1, Math.abs(crossing))) break;
    if (withinCostLimit(problem, outcome.cost)) withinLimit = outcome;
    else aboveLimit = outcome;
  }
  return { withinLimit, aboveLimit, shortfallLowerBound: lowerBound, prices };
}

/** ⌈(v − B) / p⌉, less a hair so a bound met exactly is not lost to rounding. */
function dualBound(problem: ScheduleProblem, price: number, value: number): number {
  const bound = (value - problem.costLimit) / price;
  return Math.max(0, Math.ceil(bound - 1e-9 * Math.max(1, Math.abs(bound))));
}

/** True when the schedule scores the least value at one of the prices: then no schedule of its shortfall is cheaper. */
export function tightAtSomePrice(outcome: ScheduleOutcome, prices: readonly PricedValue[]): boolean {
  return prices.some(({ price, value }) => outcome.cost + price * outcome.shortfall <= value + 1e-9 * Math.max(1, Math.abs(value)));
}
