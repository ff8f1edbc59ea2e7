import { ruleBreach, scheduleCost, withinCostLimit, type ScheduleProblem } from './schedule-problem';

/**
 * A schedule over the cost limit, lowered one unit at a time until it fits, each time where a unit
 * of saving costs the least shortfall: the lowering of one hour or of a whole run of equal hours
 * (a run keeps its actions and holds), kept only if the rules still hold. Saving more than the
 * remaining excess counts for nothing, so the last steps do not overshoot.
 *
 * A heuristic: it gives the exact solver a schedule within the limit close to the optimum, which
 * bounds the budgeted DP's table or, when it meets the Lagrangian lower bound at a price where it
 * is tight, proves optimality outright (the common case of a cost per unit-hour and little else,
 * where every unit-hour short saves the same). Undefined when no lowering keeps the rules.
 */
export function trimToCostLimit(problem: ScheduleProblem, overLimit: readonly number[]): number[] | undefined {
  const capacities = [...overLimit];
  let cost = scheduleCost(problem, capacities);
  while (!withinCostLimit(problem, cost)) {
    const excess = cost - problem.costLimit;
    // Saving beyond the excess is worth nothing, so a lowering is rated by shortfall per unit of useful saving.
    const useful = (option: Lowering): number => Math.min(option.saving, excess);
    const options = lowerings(problem, capacities).sort(
      (a, b) => a.addedShortfall / useful(a) - b.addedShortfall / useful(b) || useful(b) - useful(a) || a.saving - b.saving,
    );
    const chosen = options.find((option) => ruleBreach(problem, lowered(capacities, option)) === undefined);
    if (chosen === undefined) return undefined;
    for (let t = chosen.from; t <= chosen.to; t++) capacities[t]--;
    cost = scheduleCost(problem, capacities);
  }
  return capacities;
}

interface Lowering {
  readonly from: number;
  readonly to: number;
  readonly saving: number;
  readonly addedShortfall: number;
}

/** Every run of equal capacity and every single hour, lowered by one unit, with what it saves and costs. */
function lowerings(problem: ScheduleProblem, capacities: readonly number[]): Lowering[] {
  const options: Lowering[] = [];
  const consider = (from: number, to: number): void => {
    const level = capacities[from];
    const before = from === 0 ? problem.initialCapacity : capacities[from - 1];
    const after = to + 1 < problem.hours ? capacities[to + 1] : undefined;
    const actions = (edgeLevel: number): number => (edgeLevel !== before ? 1 : 0) + (after !== undefined && edgeLevel !== after ? 1 : 0);
    let addedShortfall = 0;
    for (let t = from; t <= to; t++) {
      if (level - 1 < problem.minCapacity[t]) return;
      if (level <= problem.required[t]) addedShortfall++;
    }
    const saving = problem.unitCostPerHour * (to - from + 1) + problem.costPerAction * (actions(level) - actions(level - 1));
    if (saving > 0) options.push({ from, to, saving, addedShortfall });
  };
  let runStart = 0;
  for (let t = 0; t < problem.hours; t++) {
    if (t + 1 === problem.hours || capacities[t + 1] !== capacities[t]) {
      consider(runStart, t);
      runStart = t + 1;
    }
  }
  for (let t = 0; t < problem.hours; t++) {
    // A single hour inside a longer run: lowering it alone adds actions on both sides, and may pay.
    const inRun = (t > 0 && capacities[t - 1] === capacities[t]) || (t + 1 < problem.hours && capacities[t + 1] === capacities[t]);
    if (inRun) consider(t, t);
  }
  return options;
}

function lowered(capacities: readonly number[], option: Lowering): number[] {
  return capacities.map((capacity, t) => (t >= option.from && t <= option.to ? capacity - 1 : capacity));
}
