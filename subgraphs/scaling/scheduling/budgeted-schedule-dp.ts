import { FROM_START, HoldHorizon, KEPT, walkBack } from './hold-horizon';
import { neighbourArgmin } from './neighbour-argmin';
import { pricedValueToGo } from './priced-value-to-go';
import { withinCostLimit, type ScheduleProblem } from './schedule-problem';

/** How large the budgeted DP's table may grow before it declines. */
export interface BudgetedTableLimits {
  /** (hour, shortfall so far, level) cells, each with a back-pointer: the work and most of the memory. */
  readonly cells: number;
  /** (shortfall so far, level) cells of the hold's worth of recent hours a change may start from. */
  readonly ringCells: number;
}

/** About a second of work and 150 MB at the limits; pruning usually leaves far less. */
export const BUDGETED_TABLE_LIMITS: BudgetedTableLimits = { cells: 60_000_000, ringCells: 8_000_000 };

export interface BudgetedSearch {
  /** The shortfall of a schedule known to fit the cost limit: the optimum's is at most this. */
  readonly shortfallBound: number;
  /** Prices of shortfall whose Lagrangian bounds discard hopeless states (see pricedValueToGo). */
  readonly pruningPrices?: readonly number[];
  readonly limits?: BudgetedTableLimits;
}

/**
 * Under a cost limit: the least total shortfall any rule-abiding schedule reaches within the limit,
 * and among those the cheapest. Exact for any real costs, because the extra state dimension is the
 * shortfall so far, a whole number of unit-hours; no cost is ever rounded.
 *
 * Each cell (hour, shortfall so far, level) holds the least cost to reach that level with its hold
 * over (HoldHorizon explains why the hold needs no dimension of its own). No prefix shortfall above
 * `shortfallBound` needs a cell, states a pruning price proves hopeless are dropped, and empty rows
 * are skipped, so the work is usually far below the table's size. Returns undefined, before
 * allocating the table, when it would exceed the limits.
 */
export function leastShortfallWithinBudget(problem: ScheduleProblem, search: BudgetedSearch): number[] | undefined {
  const { shortfallBound, pruningPrices = [], limits = BUDGETED_TABLE_LIMITS } = search;
  const horizon = new HoldHorizon(problem);
  const { levels, hold, paddedHours, start } = horizon;
  const shortfalls = shortfallBound + 1;
  const layer = shortfalls * levels;
  if (paddedHours * layer > limits.cells || hold * layer > limits.ringCells) return undefined;

  const prices = Float64Array.from(pruningPrices);
  const allowances = prices.map((price) => {
    const allowance = problem.costLimit + price * shortfallBound;
    return allowance + 1e-9 * Math.max(1, Math.abs(allowance));
  });
  const valuesToGo = pruningPrices.map((price) => pricedValueToGo(horizon, price));
  const Levels = levels <= 32_767 ? Int16Array : Int32Array;
  const cameFrom: Array<Int16Array | Int32Array> = [];
  let previous = new Float64Array(layer);
  let current = new Float64Array(layer);
  let previousAlive = new Uint8Array(shortfalls);
  let currentAlive = new Uint8Array(shortfalls);
  // For each of the last `hold` hours: per (shortfall, level), the cheapest other level within a step, and its cost.
  const ringBest = Array.from({ length: hold }, () => new Float64Array(layer));
  const ringSource = Array.from({ length: hold }, () => new Levels(layer));
  const ringAlive = Array.from({ length: hold }, () => new Uint8Array(shortfalls));
  const keepShort = new Int32Array(levels);
  const keepCost = new Float64Array(levels);
  const blockShort = new Int32Array(levels);
  const blockCost = new Float64Array(levels);
  const nearest = new Int32Array(levels);

  for (let t = 0; t < paddedHours; t++) {
    current.fill(Infinity);
    currentAlive.fill(0);
    const back = new Levels(layer);
    const blockStart = t - hold + 1;
    const blockFrom = Math.max(0, blockStart);
    for (let i = 0; i < levels; i++) {
      keepShort[i] = horizon.inBounds(t, i) ? horizon.hourShortfall(t, i) : -1;
      keepCost[i] = horizon.hourCost(t, i);
      blockShort[i] = horizon.blockInBounds(i, blockFrom, t) ? horizon.blockShortfall(i, blockFrom, t) : -1;
      blockCost[i] = horizon.blockCost(i, blockFrom, t);
    }
    const hourValuesToGo = valuesToGo.map((tables) => tables[t]);
    /** Records a cost for (s, i) if it is the least so far and no pruning bound rules it out. */
    const offer = (s: number, i: number, value: number, from: number): void => {
      if (s > shortfallBound) return;
      const cell = s * levels + i;
      if (!(value < current[cell])) return;
      for (let b = 0; b < prices.length; b++) if (value + prices[b] * s + hourValuesToGo[b][i] > allowances[b]) return;
      current[cell] = value;
      currentAlive[s] = 1;
      back[cell] = from;
    };

    for (let s = 0; t > 0 && s < shortfalls; s++) {
      if (previousAlive[s] === 0) continue;
      for (let i = 0; i < levels; i++) {
        const value = previous[s * levels + i];
        if (value < Infinity && keepShort[i] >= 0) offer(s + keepShort[i], i, value + keepCost[i], KEPT);
      }
    }
    if (blockStart > 0) {
      const slot = (t - hold) % hold;
      const [best, source, alive] = [ringBest[slot], ringSource[slot], ringAlive[slot]];
      for (let s = 0; s < shortfalls; s++) {
        if (alive[s] === 0) continue;
        for (let i = 0; i < levels; i++) {
          const cell = s * levels + i;
          if (blockShort[i] >= 0 && best[cell] < Infinity) offer(s + blockShort[i], i, best[cell] + blockCost[i] + problem.costPerAction, source[cell]);
        }
      }
    }
    if (t === 0 && start.free && start.level >= 0 && start.level < levels && keepShort[start.level] >= 0) {
      offer(keepShort[start.level], start.level, keepCost[start.level], FROM_START);
    }
    if (blockStart === 0 && start.free) {
      for (let i = 0; i < levels; i++) {
        if (i !== start.level && Math.abs(i - start.level) <= problem.maxStepChange && blockShort[i] >= 0) offer(blockShort[i], i, blockCost[i] + problem.costPerAction, FROM_START);
      }
    }
    if (!start.free && t === start.forcedUntil && start.level >= 0 && start.level < levels && horizon.blockInBounds(start.level, 0, t)) {
      offer(horizon.blockShortfall(start.level, 0, t), start.level, horizon.blockCost(start.level, 0, t), FROM_START);
    }

    if (t + hold < paddedHours) {
      const slot = t % hold;
      ringAlive[slot].set(currentAlive);
      ringBest[slot].fill(Infinity);
      for (let s = 0; s < shortfalls; s++) {
        if (currentAlive[s] === 0) continue;
        const row = s * levels;
        neighbourArgmin(levels, problem.maxStepChange, current, row, undefined, nearest);
        for (let i = 0; i < levels; i++) {
          if (nearest[i] < 0) continue;
          ringBest[slot][row + i] = current[row + nearest[i]];
          ringSource[slot][row + i] = nearest[i];
        }
      }
    }
    cameFrom.push(back);
    [previous, current] = [current, previous];
    [previousAlive, currentAlive] = [currentAlive, previousAlive];
  }

  const end = leastShortfallCellWithinLimit(problem, previous, shortfalls, levels);
  if (end === undefined) return undefined;
  let shortfall = end.shortfall;
  return walkBack(
    horizon,
    end.level,
    (t, level) => cameFrom[t][shortfall * levels + level],
    (from, to, level) => {
      shortfall -= horizon.blockShortfall(level, from, to);
    },
  );
}

/** The final cell with the least shortfall whose cost fits the limit, cheapest on ties. */
function leastShortfallCellWithinLimit(
  problem: ScheduleProblem,
  final: Float64Array,
  shortfalls: number,
  levels: number,
): { shortfall: number; level: number } | undefined {
  for (let shortfall = 0; shortfall < shortfalls; shortfall++) {
    let level = -1;
    for (let i = 0; i < levels; i++) if (final[shortfall * levels + i] < (level < 0 ? Infinity : final[shortfall * levels + level])) level = i;
    if (level >= 0 && withinCostLimit(problem, final[shortfall * levels + level])) return { shortfall, level };
  }
  return undefined;
}
