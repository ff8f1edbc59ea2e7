import { FROM_START, HoldHorizon, KEPT, walkBack } from './hold-horizon';
import { neighbourArgmin } from './neighbour-argmin';
import type { ScheduleProblem } from './schedule-problem';

/** A weighted sum of a schedule's shortfall (capacity-unit-hours) and cost. */
export interface Weights {
  readonly shortfall: number;
  readonly cost: number;
}

/** Schedules ranked by `primary`, ties broken by `secondary`. */
export interface Ranking {
  readonly primary: Weights;
  readonly secondary: Weights;
}

/** The policy's target: cover as much as the rules allow, then pay as little as possible. */
export const SHORTFALL_THEN_COST: Ranking = { primary: { shortfall: 1, cost: 0 }, secondary: { shortfall: 0, cost: 1 } };
/** The cheapest schedule the rules allow, covering as much as that price buys. */
export const COST_THEN_SHORTFALL: Ranking = { primary: { shortfall: 0, cost: 1 }, secondary: { shortfall: 1, cost: 0 } };

/** Cost plus a price per unit-hour short (a Lagrangian relaxation of a budget), ties to less shortfall. */
export function pricedShortfall(pricePerUnitHour: number): Ranking {
  return { primary: { shortfall: pricePerUnitHour, cost: 1 }, secondary: { shortfall: 1, cost: 0 } };
}

/** undefined when the rules admit no schedule at all. */
export type RankedSchedule = number[] | undefined;

/**
 * The best rule-abiding schedule under a ranking whose two keys are additive over hours: dynamic
 * programming over (hour, level, hours held), with the hold folded into K-hour moves (HoldHorizon),
 * so the cost per action and the hold, which make cost non-additive per hour, are exact.
 *
 * A change may come from any level within one step; `neighbourArgmin` finds the best such level
 * for every target in one linear pass, so the work is O(hours × levels) whatever the step and hold.
 * Layers are kept in a ring of hold + 1, the oldest one a change can start from.
 */
export function bestRankedSchedule(problem: ScheduleProblem, ranking: Ranking): RankedSchedule {
  const horizon = new HoldHorizon(problem);
  const { levels, hold, paddedHours, start } = horizon;
  const slots = hold + 1;
  const primary = new Float64Array(slots * levels);
  const secondary = new Float64Array(slots * levels);
  const nearest = new Int32Array(slots * levels);
  const cameFrom = new Int32Array(paddedHours * levels);
  const score = (weights: Weights, shortfall: number, cost: number): number => weights.shortfall * shortfall + weights.cost * cost;
  const actionPrimary = ranking.primary.cost * problem.costPerAction;
  const actionSecondary = ranking.secondary.cost * problem.costPerAction;

  for (let t = 0; t < paddedHours; t++) {
    const here = (t % slots) * levels;
    const before = ((t + slots - 1) % slots) * levels;
    const changeFrom = ((t + slots - hold) % slots) * levels; // the layer a change arriving now started from
    const blockStart = t - hold + 1;
    primary.fill(Infinity, here, here + levels);
    secondary.fill(Infinity, here, here + levels);
    const offer = (i: number, p: number, s: number, back: number): void => {
      if (p < primary[here + i] || (p === primary[here + i] && s < secondary[here + i])) {
        primary[here + i] = p;
        secondary[here + i] = s;
        cameFrom[t * levels + i] = back;
      }
    };
    for (let i = 0; i < levels; i++) {
      if (!horizon.inBounds(t, i)) continue;
      const hourShort = horizon.hourShortfall(t, i);
      const hourCost = horizon.hourCost(t, i);
      if (t > 0 && primary[before + i] < Infinity) {
        offer(i, primary[before + i] + score(ranking.primary, hourShort, hourCost), secondary[before + i] + score(ranking.secondary, hourShort, hourCost), KEPT);
      }
      if (t === 0 && start.free && i === start.level) {
        offer(i, score(ranking.primary, hourShort, hourCost), score(ranking.secondary, hourShort, hourCost), FROM_START);
      }
      const startsAtZero = blockStart === 0 && start.free && i !== start.level && Math.abs(i - start.level) <= problem.maxStepChange;
      const forcedStart = !start.free && t === start.forcedUntil && i === start.level;
      const source = blockStart > 0 ? nearest[changeFrom + i] : -1;
      if ((source >= 0 || startsAtZero || forcedStart) && horizon.blockInBounds(i, Math.max(0, blockStart), t)) {
        const from = forcedStart ? 0 : blockStart;
        const shortfall = horizon.blockShortfall(i, from, t);
        const cost = horizon.blockCost(i, from, t);
        const p = score(ranking.primary, shortfall, cost);
        const s = score(ranking.secondary, shortfall, cost);
        if (source >= 0) offer(i, primary[changeFrom + source] + p + actionPrimary, secondary[changeFrom + source] + s + actionSecondary, source);
        else offer(i, p + (forcedStart ? 0 : actionPrimary), s + (forcedStart ? 0 : actionSecondary), FROM_START);
      }
    }
    neighbourArgmin(levels, problem.maxStepChange, primary, here, secondary, nearest.subarray(here, here + levels));
  }

  const last = ((paddedHours - 1) % slots) * levels;
  let end = -1;
  for (let i = 0; i < levels; i++) {
    const p = primary[last + i];
    if (p < Infinity && (end < 0 || p < primary[last + end] || (p === primary[last + end] && secondary[last + i] < secondary[last + end]))) end = i;
  }
  return end < 0 ? undefined : walkBack(horizon, end, (t, i) => cameFrom[t * levels + i]);
}
