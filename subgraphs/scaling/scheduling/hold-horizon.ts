import type { ScheduleProblem } from './schedule-problem';

/**
 * The horizon as the dynamic programmes walk it, with the hold rule turned into K-hour moves.
 *
 * A DP over (hour, level, hours held) carries K = minHoldHours copies of every level. But between a
 * change and the end of its hold nothing can happen, so a change at hour b is one move from the
 * level in force at b − 1 to the same level "free" at b + K − 1, with the block's shortfall and cost
 * summed from prefix sums. Only free states remain, one per (hour, level): the same optimum as
 * the held-count DP (the held count beyond K never matters), for a factor K less work.
 *
 * A block that would run past the horizon is cut at its end. To treat it like any other, the
 * horizon is padded with K − 1 hours in which every level is allowed, nothing is required and
 * capacity costs nothing: a path reaches the padded end by staying put for free, and the padded
 * hours are dropped from the schedule.
 */
export class HoldHorizon {
  readonly lowest: number;
  readonly levels: number;
  readonly hold: number;
  /** Real hours plus hold − 1 padding hours. */
  readonly paddedHours: number;
  /**
   * How the schedule may begin: `free` when the initial level's hold is over (it may be kept or
   * changed at hour 0); otherwise it must stay until `forcedUntil` (inclusive), when it becomes free.
   * The level may lie outside the levels the bounds allow.
   */
  readonly start: { readonly level: number; readonly free: boolean; readonly forcedUntil: number };
  private readonly shortfallBefore: Int32Array;
  private readonly outOfBoundsBefore: Int32Array;

  constructor(readonly problem: ScheduleProblem) {
    this.lowest = Math.min(...problem.minCapacity);
    this.levels = Math.max(...problem.maxCapacity) - this.lowest + 1;
    // A hold longer than the horizon allows no second change within it, as a hold of the horizon's length.
    this.hold = Math.min(problem.minHoldHours, problem.hours);
    this.paddedHours = problem.hours + this.hold - 1;
    const free = problem.initialHeldHours >= problem.minHoldHours;
    const forcedUntil = free ? -1 : Math.min(problem.minHoldHours - problem.initialHeldHours, problem.hours) - 1;
    this.start = { level: problem.initialCapacity - this.lowest, free, forcedUntil };
    this.shortfallBefore = new Int32Array((this.paddedHours + 1) * this.levels);
    this.outOfBoundsBefore = new Int32Array((this.paddedHours + 1) * this.levels);
    for (let t = 0; t < this.paddedHours; t++) {
      for (let i = 0; i < this.levels; i++) {
        const here = t * this.levels + i;
        const next = here + this.levels;
        this.shortfallBefore[next] = this.shortfallBefore[here] + this.hourShortfall(t, i);
        this.outOfBoundsBefore[next] = this.outOfBoundsBefore[here] + (this.inBounds(t, i) ? 0 : 1);
      }
    }
  }

  /** Level indices run 0 … levels − 1 from the lowest minimum. */
  capacityOf(level: number): number {
    return level + this.lowest;
  }

  inBounds(t: number, level: number): boolean {
    if (t >= this.problem.hours) return true;
    const capacity = level + this.lowest;
    return capacity >= this.problem.minCapacity[t] && capacity <= this.problem.maxCapacity[t];
  }

  hourShortfall(t: number, level: number): number {
    return t >= this.problem.hours ? 0 : Math.max(0, this.problem.required[t] - (level + this.lowest));
  }

  hourCost(t: number, level: number): number {
    return t >= this.problem.hours ? 0 : this.problem.unitCostPerHour * (level + this.lowest);
  }

  /** Hours from…to (inclusive) all allow this level. */
  blockInBounds(level: number, from: number, to: number): boolean {
    return this.outOfBoundsBefore[(to + 1) * this.levels + level] === this.outOfBoundsBefore[from * this.levels + level];
  }

  blockShortfall(level: number, from: number, to: number): number {
    return this.shortfallBefore[(to + 1) * this.levels + level] - this.shortfallBefore[from * this.levels + level];
  }

  /** Capacity cost of holding the level over hours from…to (inclusive); padding hours cost nothing. */
  blockCost(level: number, from: number, to: number): number {
    const realHours = Math.max(0, Math.min(to, this.problem.hours - 1) - from + 1);
    return this.problem.unitCostPerHour * (level + this.lowest) * realHours;
  }
}

/** Back-pointer codes shared by the DPs: a level index ≥ 0 means "changed from that level". */
export const KEPT = -1;
export const FROM_START = -2;

/**
 * Walks back-pointers from the padded end into the real hours' capacities. `cameFrom(t, level)`
 * is KEPT, FROM_START (hours 0…t at this level) or the level the block ending at t changed from;
 * `onStep` lets the budgeted DP track its shortfall dimension along the way.
 */
export function walkBack(
  horizon: HoldHorizon,
  endLevel: number,
  cameFrom: (t: number, level: number) => number,
  onStep: (from: number, to: number, level: number) => void = () => undefined,
): number[] {
  const capacities = new Array<number>(horizon.paddedHours);
  let t = horizon.paddedHours - 1;
  let level = endLevel;
  while (t >= 0) {
    const back = cameFrom(t, level);
    const from = back === KEPT ? t : back === FROM_START ? 0 : t - horizon.hold + 1;
    for (let hour = from; hour <= t; hour++) capacities[hour] = horizon.capacityOf(level);
    onStep(from, t, level);
    if (back === FROM_START) break;
    if (back !== KEPT) level = back;
    t = from - 1;
  }
  return capacities.slice(0, horizon.problem.hours);
}
