import type { HoldHorizon } from './hold-horizon';
import { neighbourArgmin } from './neighbour-argmin';

/**
 * valueToGo[t][level]: the least cost + price × shortfall of the hours after t, over rule-abiding
 * completions from that level at hour t with its hold over (the DPs' free states); Infinity when
 * there is none. Computed backwards over the padded horizon (HoldHorizon), so it is 0 from the last
 * real hour on.
 *
 * The budgeted DP uses it to drop states early: a schedule within the limit (C ≤ B) with shortfall
 * S ≤ S̄ scores C + price·S ≤ B + price·S̄, so a state whose prefix score plus this value already
 * exceeds that cannot lie on it. Any price ≥ 0 gives a valid test; prices near the budget's
 * critical price give the sharpest.
 */
export function pricedValueToGo(horizon: HoldHorizon, price: number): Float64Array[] {
  const { levels, hold, paddedHours, problem } = horizon;
  const tables = new Array<Float64Array>(paddedHours);
  for (let t = paddedHours - 1; t >= problem.hours - 1; t--) tables[t] = new Float64Array(levels);
  // entering[j]: the score of changing to level j at hour t + 1 and finishing from the end of its hold.
  const entering = new Float64Array(levels);
  const nearest = new Int32Array(levels);
  for (let t = problem.hours - 2; t >= 0; t--) {
    const after = tables[t + 1];
    const holdEnd = tables[t + hold];
    for (let j = 0; j < levels; j++) {
      entering[j] = horizon.blockInBounds(j, t + 1, t + hold)
        ? horizon.blockCost(j, t + 1, t + hold) + price * horizon.blockShortfall(j, t + 1, t + hold) + problem.costPerAction + holdEnd[j]
        : Infinity;
    }
    neighbourArgmin(levels, problem.maxStepChange, entering, 0, undefined, nearest);
    const table = new Float64Array(levels);
    for (let i = 0; i < levels; i++) {
      const kept = horizon.inBounds(t + 1, i) ? horizon.hourCost(t + 1, i) + price * horizon.hourShortfall(t + 1, i) + after[i] : Infinity;
      table[i] = nearest[i] >= 0 ? Math.min(kept, entering[nearest[i]]) : kept;
    }
    tables[t] = table;
  }
  return tables;
}
