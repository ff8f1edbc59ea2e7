import type { BacktestPoint } from './accuracy';

/**
 * Split-conformal prediction intervals. The nonconformity score of a backtest point is its
 * absolute error relative to the forecast (floored at a tenth of the recent level, so hours
 * forecast near zero do not blow up): errors of demand grow with demand, so a relative score gives
 * narrow intervals at night and wide ones at the peak at the same coverage. The interval at a lead
 * is forecast ± q · scale, q the ⌈(n + 1)·level⌉-th smallest of the n scores of that lead's
 * bucket: under exchangeable errors it covers at least `level` of outcomes, and little more.
 * Errors grow with the lead, so leads are calibrated in buckets: hours 1–6, 7–12, 13–24, 25–48,
 * then doubling. (The level is the coverage asked for, raised after recent misses: adaptive-coverage.ts.)
 */
const LEAD_BUCKET_ENDS = [6, 12, 24, 48, 96, 192, 384] as const;
export const LEAD_BUCKETS = LEAD_BUCKET_ENDS.length + 1;

/** A bucket with fewer scores borrows (see `quantileFor`): fifty keeps a 90 % quantile steady. */
export const MIN_BUCKET_SCORES = 50;

const RECENT_LEVEL_FLOOR = 0.1;

export function intervalScale(forecast: number, recentLevel: number): number {
  return Math.max(Math.abs(forecast), RECENT_LEVEL_FLOOR * recentLevel, 1e-12);
}

export function scoreOf(point: BacktestPoint): number {
  return Math.abs(point.actual - point.forecast) / intervalScale(point.forecast, point.recentLevel);
}

export function bucketOf(lead: number): number {
  const bucket = LEAD_BUCKET_ENDS.findIndex((end) => lead < end);
  return bucket < 0 ? LEAD_BUCKET_ENDS.length : bucket;
}

/** The scores a calibration reads: per lead bucket and pooled, each as "how many" and "the k-th smallest". */
export interface ScoreView {
  bucketCount(bucket: number): number;
  bucketKth(bucket: number, k: number): number;
  readonly count: number;
  kth(k: number): number;
  readonly largest: number | null;
}

/** The ⌈(n + 1)·level⌉-th smallest of n scores; null when n is too small for the level. */
function conformalQuantile(count: number, kth: (k: number) => number, level: number): number | null {
  const rank = Math.ceil((count + 1) * level);
  return rank <= count && rank > 0 ? kth(rank) : null;
}

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

export class ConformalCalibration {
  private constructor(
    private readonly bucketQuantiles: readonly (number | null)[],
    private readonly pooledQuantile: number | null,
    private readonly largestScore: number | null,
  ) {}

  static fit(points: readonly BacktestPoint[], level: number): ConformalCalibration {
    return ConformalCalibration.fromScores(sortedScores(points), level);
  }

  static fromScores(scores: ScoreView, level: number): ConformalCalibration {
    const bucketQuantiles = Array.from({ length: LEAD_BUCKETS }, (_, bucket) => {
      const count = scores.bucketCount(bucket);
      return count >= MIN_BUCKET_SCORES ? conformalQuantile(count, (k) => scores.bucketKth(bucket, k), level) : null;
    });
    return new ConformalCalibration(bucketQuantiles, conformalQuantile(scores.count, (k) => scores.kth(k), level), scores.largest);
  }

  /** Whether every lead has a calibrated quantile (its bucket's or a borrowed one). */
  get calibrated(): boolean {
    return this.pooledQuantile !== null;
  }

  /**
   * The lead's bucket quantile; for a bucket with too few scores (a short history has not seen
   * long leads yet), the largest of the pooled quantile and those of the shorter-lead buckets, as
   * errors rarely shrink with the lead. Uncalibrated: the largest score seen, or 1 (± the
   * forecast itself) when there is none.
   */
  quantileFor(lead: number): number {
    const bucket = bucketOf(lead);
    const own = this.bucketQuantiles[bucket];
    if (own !== null) return own;
    if (this.pooledQuantile === null) return this.largestScore ?? 1;
    return Math.max(this.pooledQuantile, ...this.bucketQuantiles.slice(0, bucket).filter((q): q is number => q !== null));
  }

  interval(lead: number, forecast: number, recentLevel: number): Interval {
    const halfWidth = this.quantileFor(lead) * intervalScale(forecast, recentLevel);
    return { lower: forecast - halfWidth, upper: forecast + halfWidth };
  }

  covers(point: BacktestPoint): boolean {
    const interval = this.interval(point.lead, point.forecast, point.recentLevel);
    return point.actual >= interval.lower && point.actual <= interval.upper;
  }
}

function sortedScores(points: readonly BacktestPoint[]): ScoreView {
  const buckets: number[][] = Array.from({ length: LEAD_BUCKETS }, () => []);
  for (const point of points) buckets[bucketOf(point.lead)].push(scoreOf(point));
  // Typed arrays sort numerically and natively: several times faster than a comparator.
  const sorted = buckets.map((scores) => Float64Array.from(scores).sort());
  const all = Float64Array.from(buckets.flat()).sort();
  return {
    bucketCount: (bucket) => sorted[bucket].length,
    bucketKth: (bucket, k) => sorted[bucket][k - 1],
    count: all.length,
    kth: (k) => all[k - 1],
    largest: all.length > 0 ? all[all.length - 1] : null,
  };
}
