/**
 * A capacity-schedule problem after validation: every rule resolved to the hours of one horizon,
 * in whole capacity units. All solvers (exact, genetic, the brute force in tests) read this shape
 * and score schedules with the functions below, so they cannot disagree about what a schedule costs.
 */
export interface ScheduleProblem {
  readonly hours: number;
  /** Capacity units needed in each hour (whole, ≥ 0). */
  readonly required: readonly number[];
  /** Per hour of the horizon, already looked up by hour of week. */
  readonly minCapacity: readonly number[];
  readonly maxCapacity: readonly number[];
  /** Largest |c_t − c_{t−1}|; Infinity when unlimited. */
  readonly maxStepChange: number;
  /** After a change the new level stays at least this many hours; 1 means no hold. */
  readonly minHoldHours: number;
  readonly unitCostPerHour: number;
  readonly costPerAction: number;
  /** Total budget over the horizon; Infinity when none. */
  readonly costLimit: number;
  /** The level in force in the hour before the horizon. */
  readonly initialCapacity: number;
  /** How long that level has been held (the hold rule applies across the horizon's start). */
  readonly initialHeldHours: number;
}

/**
 * Costs are sums of floats added in different orders by different solvers; a schedule that costs
 * the limit exactly must not be refused for a rounding error in the last bit.
 */
export function withinCostLimit(problem: ScheduleProblem, cost: number): boolean {
  return cost <= problem.costLimit + 1e-9 * Math.max(1, Math.abs(problem.costLimit));
}

export function scheduleCost(problem: ScheduleProblem, capacities: readonly number[]): number {
  let cost = 0;
  let previous = problem.initialCapacity;
  for (const capacity of capacities) {
    cost += problem.unitCostPerHour * capacity;
    if (capacity !== previous) cost += problem.costPerAction;
    previous = capacity;
  }
  return cost;
}

/** Capacity units missing, summed over the hours (a whole number, since both sides are whole). */
export function scheduleShortfall(problem: ScheduleProblem, capacities: readonly number[]): number {
  let shortfall = 0;
  for (let t = 0; t < capacities.length; t++) shortfall += Math.max(0, problem.required[t] - capacities[t]);
  return shortfall;
}

/** The first hard rule (bounds, step, hold) a schedule breaks, in words; undefined when it keeps them all. */
export function ruleBreach(problem: ScheduleProblem, capacities: readonly number[]): string | undefined {
  if (capacities.length !== problem.hours) return `the schedule has ${capacities.length} hours, not ${problem.hours}`;
  let previous = problem.initialCapacity;
  let held = problem.initialHeldHours;
  for (let t = 0; t < problem.hours; t++) {
    const capacity = capacities[t];
    if (!Number.isInteger(capacity)) return `hour ${t}: capacity ${capacity} is not a whole number of units`;
    if (capacity < problem.minCapacity[t] || capacity > problem.maxCapacity[t]) {
      return `hour ${t}: capacity ${capacity} is outside [${problem.minCapacity[t]}, ${problem.maxCapacity[t]}]`;
    }
    if (Math.abs(capacity - previous) > problem.maxStepChange) return `hour ${t}: a step of ${capacity - previous} exceeds ${problem.maxStepChange}`;
    if (capacity !== previous) {
      if (held < problem.minHoldHours) return `hour ${t}: the level ${previous} was held ${held} h of at least ${problem.minHoldHours}`;
      held = 1;
    } else {
      held++;
    }
    previous = capacity;
  }
  return undefined;
}

export interface ScheduleOutcome {
  readonly capacities: number[];
  readonly shortfall: number;
  readonly cost: number;
}

export function outcomeOf(problem: ScheduleProblem, capacities: number[]): ScheduleOutcome {
  return { capacities, shortfall: scheduleShortfall(problem, capacities), cost: scheduleCost(problem, capacities) };
}

/**
 * Schedules are ranked lexicographically: least shortfall first, then least cost. A negative
 * result means `a` is the better schedule.
 */
export function compareOutcomes(a: { shortfall: number; cost: number }, b: { shortfall: number; cost: number }): number {
  return a.shortfall !== b.shortfall ? a.shortfall - b.shortfall : a.cost - b.cost;
}
