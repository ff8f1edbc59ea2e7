import { HOUR_MS, type HourlySeries } from './hourly-series';

/**
 * How the samples of one hour become its value: `sum` for counts (requests, passengers, mentions),
 * `mean` for levels (CPU %, memory in use).
 */
export type Aggregation = 'sum' | 'mean';

export interface TimedValue {
  readonly time: Date;
  readonly value: number;
}

export interface ResampleOptions {
  readonly aggregation: Aggregation;
  /** The interval the samples were taken at; by default the median gap between consecutive samples. */
  readonly sampleIntervalSeconds?: number;
}

/**
 * Raw timestamped samples to an hourly series from the hour of the first sample to the hour of
 * the last. An hour without samples is null (a gap). A `sum` is scaled to a full hour's worth of
 * samples (mean × samples per hour), so an hour that lost a sample, or one that the data starts or
 * ends in, is not mistaken for a drop in demand, and an hour seen twice (the repeated hour at the
 * end of daylight saving time) for a peak; an hour with fewer than half its samples is a gap,
 * as a sum extrapolated from so little would be mostly guess.
 */
export function resampleHourly(rows: readonly TimedValue[], options: ResampleOptions): HourlySeries {
  const finite = rows.filter((row) => Number.isFinite(row.value) && Number.isFinite(row.time.getTime()));
  if (finite.length === 0) throw new Error('resampleHourly: no sample with a finite time and value');
  const hourIndex = (time: Date) => Math.floor(time.getTime() / HOUR_MS);
  const hours = finite.map((row) => hourIndex(row.time));
  const first = hours.reduce((a, b) => Math.min(a, b));
  const last = hours.reduce((a, b) => Math.max(a, b));
  const sums = new Array<number>(last - first + 1).fill(0);
  const counts = new Array<number>(last - first + 1).fill(0);
  finite.forEach((row, r) => {
    sums[hours[r] - first] += row.value;
    counts[hours[r] - first] += 1;
  });
  const samplesPerHour = 3600 / (options.sampleIntervalSeconds ?? medianIntervalSeconds(finite));
  const values = sums.map((sum, i) => {
    if (counts[i] === 0) return null;
    const mean = sum / counts[i];
    if (options.aggregation === 'mean') return mean;
    return counts[i] < samplesPerHour / 2 ? null : mean * samplesPerHour;
  });
  return { start: new Date(first * HOUR_MS), values };
}

function medianIntervalSeconds(rows: readonly TimedValue[]): number {
  const times = [...new Set(rows.map((row) => row.time.getTime()))].sort((a, b) => a - b);
  const gaps = times.slice(1).map((time, i) => (time - times[i]) / 1000);
  if (gaps.length === 0) return 3600;
  gaps.sort((a, b) => a - b);
  return Math.min(3600, gaps[Math.floor(gaps.length / 2)]);
}
