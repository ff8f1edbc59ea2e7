import type { BacktestPoint } from './accuracy';
import { ConformalCalibration, LEAD_BUCKETS, bucketOf, scoreOf, type ScoreView } from './conformal-intervals';
import { GrowingOrderStatistics } from './order-statistics';

/**
 * How far the level moves per backtest origin (6 h) for each unit of miss-rate deficit among the
 * outcomes that came in meanwhile: a day of intervals missing 20 % instead of 10 % raises a 90 %
 * level by about two points. Chosen on bench:forecast's own series, so for this one number its
 * coverage figures are not out-of-sample: at 0.035 Azure's memory series stayed under 87 %, from
 * 0.06 nyc_taxi's went over 93 %.
 */
export const ADAPTATION_RATE = 0.05;
/** The level never exceeds this: beyond it a few hundred scores cannot tell quantiles apart. */
export const MAX_LEVEL = 0.99;

export interface ConformalReplay {
  /** The level to calibrate the forecast's intervals at. */
  readonly level: number;
  /**
   * The share of outcomes the backtest's own intervals held over the origins from `since` on, each
   * interval calibrated on earlier hours only, at the level of its moment: what these intervals
   * would have delivered. Null when none of those origins could be calibrated.
   */
  readonly replayedCoverage: number | null;
}

/**
 * The conformal level to use at `origin` for a target `coverage`: adaptive conformal inference
 * (Gibbs & Candès, 2021) replayed over the backtest. Demand is not exchangeable: after a calm
 * fortnight an incident makes errors larger than any the calibration saw, and split conformal
 * under-covers until the incident's errors are in the calibration set. So the backtest's own
 * intervals are replayed in time order (each origin's from the scores known before it, at the
 * level of that moment), and each 6 h the level moves by ADAPTATION_RATE × (share missed − share
 * allowed) of the outcomes that came in. One-sided: the level never falls below the coverage asked
 * for, and does not wind up beyond its bounds. The replayed intervals are those of the model
 * chosen for having the smallest errors on these very hours, so they look better covered than its
 * future will be (the two-sided rule narrowed Google's intervals to 84–86 % coverage); they may
 * widen the intervals, never narrow them below plain split conformal.
 */
export function replayConformal(points: readonly BacktestPoint[], coverage: number, origin: number, since: number): ConformalReplay {
  const allowed = 1 - coverage;
  const minimumMiss = 1 - MAX_LEVEL;
  const scores = points.map(scoreOf);
  const view = growingView(points, scores);
  const byTarget = indicesByTarget(points);
  const origins = [...new Set(points.map((point) => point.origin))].filter((o) => o < origin).sort((a, b) => a - b);
  const missed = new Int8Array(points.length).fill(-1);
  let miss = allowed;
  let next = 0;
  const observeUntil = (time: number) => {
    let deficit = 0;
    let observed = 0;
    for (; next < byTarget.length && points[byTarget[next]].target < time; next++) {
      const i = byTarget[next];
      view.add(i);
      if (missed[i] < 0) continue;
      deficit += allowed - missed[i];
      observed += 1;
    }
    if (observed > 0) miss = Math.min(allowed, Math.max(minimumMiss, miss + (ADAPTATION_RATE * deficit) / observed));
  };
  const issuedAt = new Map<number, number[]>(origins.map((o) => [o, []]));
  points.forEach((point, i) => issuedAt.get(point.origin)?.push(i));
  let recentCovered = 0;
  let recentIssued = 0;
  for (const o of origins) {
    observeUntil(o);
    const calibration = ConformalCalibration.fromScores(view, 1 - miss);
    if (!calibration.calibrated) continue;
    for (const i of issuedAt.get(o)!) {
      missed[i] = calibration.covers(points[i]) ? 0 : 1;
      if (o < since) continue;
      recentCovered += 1 - missed[i];
      recentIssued += 1;
    }
  }
  observeUntil(origin);
  return { level: 1 - miss, replayedCoverage: recentIssued > 0 ? recentCovered / recentIssued : null };
}

/** The points' indices in the order of their hours (a counting sort: the hours are a short range of integers). */
function indicesByTarget(points: readonly BacktestPoint[]): number[] {
  if (points.length === 0) return [];
  const first = points.reduce((lowest, point) => Math.min(lowest, point.target), Infinity);
  const last = points.reduce((highest, point) => Math.max(highest, point.target), -Infinity);
  const atHour: number[][] = Array.from({ length: last - first + 1 }, () => []);
  points.forEach((point, i) => atHour[point.target - first].push(i));
  return atHour.flat();
}

/** The scores of `points`, per lead bucket and pooled, revealed one point at a time. */
function growingView(points: readonly BacktestPoint[], scores: readonly number[]): ScoreView & { add(i: number): void } {
  const members: number[][] = Array.from({ length: LEAD_BUCKETS }, () => []);
  const bucket = points.map((point) => bucketOf(point.lead));
  const position = points.map((_, i) => members[bucket[i]].push(i) - 1);
  const perBucket = members.map((indices) => new GrowingOrderStatistics(indices.map((i) => scores[i])));
  const pooled = new GrowingOrderStatistics(scores);
  let largest: number | null = null;
  return {
    add(i) {
      perBucket[bucket[i]].add(position[i]);
      pooled.add(i);
      largest = largest === null ? scores[i] : Math.max(largest, scores[i]);
    },
    bucketCount: (b) => perBucket[b].count,
    bucketKth: (b, k) => perBucket[b].kth(k),
    get count() {
      return pooled.count;
    },
    kth: (k) => pooled.kth(k),
    get largest() {
      return largest;
    },
  };
}
