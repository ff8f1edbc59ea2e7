import { HoldHorizon } from './hold-horizon';
import type { ScheduleProblem } from './schedule-problem';

/**
 * Turns any wished-for capacities into the nearest rule-abiding schedule, hour by hour. A greedy
 * clamp is not enough: a step limit ahead of a rising minimum, or a hold that outlasts a falling
 * maximum, can make an early choice a dead end. So the repair first marks, backwards, every
 * (hour, level) with its hold over from which the rest of the horizon can still be scheduled, and
 * then only makes moves that end on a mark: keep the level one more hour, or change and hold the
 * new level for its hold (HoldHorizon's K-hour moves), each time to the level nearest the wish,
 * staying put on ties.
 */
export class RuleAbidingRepair {
  private readonly horizon: HoldHorizon;
  /** completable[t][level]: 1 when the hours after t can be scheduled from that level, its hold over at t. */
  private readonly completable: Uint8Array[];

  /** The problem's rules must admit at least one schedule (the exact DP checks that first). */
  constructor(problem: ScheduleProblem) {
    const horizon = new HoldHorizon(problem);
    const { levels, hold, paddedHours } = horizon;
    this.horizon = horizon;
    this.completable = new Array<Uint8Array>(paddedHours);
    for (let t = paddedHours - 1; t >= 0; t--) {
      const marks = new Uint8Array(levels);
      if (t + hold >= paddedHours) {
        // From here on only padding hours follow, where every level is allowed.
        marks.fill(1);
      } else {
        // enterable[j]: levels < j that a change at t + 1 may enter and finish from.
        const enterable = new Int32Array(levels + 1);
        for (let j = 0; j < levels; j++) enterable[j + 1] = enterable[j] + (this.mayEnter(j, t + 1) ? 1 : 0);
        for (let i = 0; i < levels; i++) {
          const keeps = horizon.inBounds(t + 1, i) && this.completable[t + 1][i] === 1;
          const from = Math.max(0, i - problem.maxStepChange);
          const to = Math.min(levels - 1, i + problem.maxStepChange);
          const changes = enterable[to + 1] - enterable[from] - (this.mayEnter(i, t + 1) ? 1 : 0) > 0;
          marks[i] = keeps || changes ? 1 : 0;
        }
      }
      this.completable[t] = marks;
    }
  }

  repair(wished: ArrayLike<number>): number[] {
    const { horizon } = this;
    const { problem, start, hold } = horizon;
    const capacities = new Array<number>(problem.hours);
    let level = start.level;
    let t = 0;
    if (!start.free) {
      for (; t <= start.forcedUntil; t++) capacities[t] = horizon.capacityOf(level);
    }
    while (t < problem.hours) {
      const wish = Math.min(problem.maxCapacity[t], Math.max(problem.minCapacity[t], Math.round(wished[t]))) - horizon.capacityOf(0);
      const mayKeep = level >= 0 && level < horizon.levels && horizon.inBounds(t, level) && this.completable[t][level] === 1;
      const mayChange = (to: number): boolean =>
        to !== level && to >= 0 && to < horizon.levels && Math.abs(to - level) <= problem.maxStepChange && this.mayEnter(to, t);
      let chosen: number | undefined;
      for (let distance = 0; chosen === undefined && distance <= horizon.levels; distance++) {
        if (mayKeep && Math.abs(level - wish) === distance) chosen = level;
        else if (mayChange(wish + distance)) chosen = wish + distance;
        else if (mayChange(wish - distance)) chosen = wish - distance;
      }
      if (chosen === undefined) throw new Error(`the rules leave no schedule through hour ${t}; check them with the exact DP first`);
      const until = chosen === level ? t : Math.min(problem.hours - 1, t + hold - 1);
      for (; t <= until; t++) capacities[t] = horizon.capacityOf(chosen);
      level = chosen;
    }
    return capacities;
  }

  /** A change to `level` at hour `from` can hold it through its hold and finish from there. */
  private mayEnter(level: number, from: number): boolean {
    const to = from + this.horizon.hold - 1;
    return this.horizon.blockInBounds(level, from, to) && this.completable[to][level] === 1;
  }
}
