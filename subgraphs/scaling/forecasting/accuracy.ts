import { DAY_HOURS, WEEK_HOURS, type PreparedSeries } from './prepared-series';

/** One backtest forecast of one hour: made at `origin`, `lead` hours ahead, for hour `target`. */
export interface BacktestPoint {
  readonly origin: number;
  readonly lead: number;
  readonly target: number;
  readonly actual: number;
  readonly forecast: number;
  /** MASE's scale at the origin; null when the history before it has no pair of hours a day apart. */
  readonly naiveScale: number | null;
  /** The series' recent level at the origin, the floor of the interval scale (conformal-intervals.ts). */
  readonly recentLevel: number;
}

/** Σ|actual − forecast| ÷ Σ|actual|: the share of demand missed, whatever the series' scale. Null without demand. */
export function wape(points: readonly BacktestPoint[]): number | null {
  let error = 0;
  let total = 0;
  for (const point of points) {
    error += Math.abs(point.actual - point.forecast);
    total += Math.abs(point.actual);
  }
  return total > 0 ? error / total : null;
}

/**
 * Mean absolute scaled error: each error over the mean absolute change from the same hour a day
 * before in the history before its origin (the in-sample error of the daily seasonal naive, as
 * the M4 competition scaled hourly series). Below 1: better than yesterday's hour was in-sample.
 */
export function mase(points: readonly BacktestPoint[]): number | null {
  let sum = 0;
  let count = 0;
  for (const point of points) {
    if (point.naiveScale === null || point.naiveScale <= 0) continue;
    sum += Math.abs(point.actual - point.forecast) / point.naiveScale;
    count += 1;
  }
  return count > 0 ? sum / count : null;
}

/**
 * Two scales of the history before any origin, in O(1) from prefix sums over the recorded
 * ordinary hours (a filled hour is the models' guess, not demand):
 * - `naive`: MASE's, the mean |y(t) − y(t − 24)|;
 * - `recentLevel`: the mean |y| of the last week (of what there is), which floors the intervals' scale.
 */
export class SeriesScales {
  private readonly changeSums: number[] = [0];
  private readonly changeCounts: number[] = [0];
  private readonly levelSums: number[] = [0];
  private readonly levelCounts: number[] = [0];

  constructor(series: PreparedSeries) {
    series.actual.forEach((value, t) => {
      const previous = t >= DAY_HOURS ? series.actual[t - DAY_HOURS] : null;
      const paired = value !== null && previous !== null && series.scorable[t] && series.scorable[t - DAY_HOURS];
      this.changeSums.push(this.changeSums[t] + (paired ? Math.abs(value - previous) : 0));
      this.changeCounts.push(this.changeCounts[t] + (paired ? 1 : 0));
      const recorded = value !== null && series.scorable[t];
      this.levelSums.push(this.levelSums[t] + (recorded ? Math.abs(value) : 0));
      this.levelCounts.push(this.levelCounts[t] + (recorded ? 1 : 0));
    });
  }

  naive(origin: number): number | null {
    const i = this.clamp(origin);
    return this.changeCounts[i] > 0 ? this.changeSums[i] / this.changeCounts[i] : null;
  }

  recentLevel(origin: number): number {
    const to = this.clamp(origin);
    const from = Math.max(0, to - WEEK_HOURS);
    const count = this.levelCounts[to] - this.levelCounts[from];
    return count > 0 ? (this.levelSums[to] - this.levelSums[from]) / count : 0;
  }

  private clamp(origin: number): number {
    return Math.max(0, Math.min(origin, this.changeSums.length - 1));
  }
}
