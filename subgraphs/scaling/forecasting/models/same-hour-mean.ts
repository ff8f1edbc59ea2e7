import type { ForecastModel, ModelFit } from './forecast-model';

export interface SameHourMeanSettings {
  /** 168: the same hour of the week; 24: the same hour of the day. */
  readonly cycleHours: number;
  /** How many past cycles are averaged (fewer while the history is shorter). */
  readonly cycles: number;
  /** The median resists one holiday or incident among the cycles; the mean uses every hour. */
  readonly statistic: 'mean' | 'median';
  /**
   * 0: none. Otherwise the profile is rescaled to the level of the last `levelHours` hours (their
   * sum over the profile's own sum for them), so a level shift or a trend is followed within a day
   * instead of after `cycles` cycles. A ratio, as demand cycles scale with the level; a difference
   * when either sum is not positive.
   */
  readonly levelHours: number;
}

/** The same hour of recent cycles, averaged, optionally brought to the current level. */
export function sameHourMean(settings: SameHourMeanSettings): ForecastModel {
  const { cycleHours, cycles, statistic, levelHours } = settings;
  const level = levelHours > 0 ? `-level${levelHours}h` : '';
  return {
    id: `same-hour-${statistic}-${cycles}x${cycleHours}h${level}`,
    family: 'same-hour-mean',
    parameters: { ...settings },
    cycle: cycleHours >= 168 ? 'weekly' : 'daily',
    minimumHours: cycleHours,
    trainingHours: cycleHours * cycles + levelHours,
    fit(training, horizon): ModelFit {
      const n = training.length;
      const profileAt = (t: number, before: number) => {
        const values: number[] = [];
        for (let back = t - cycleHours; back >= 0 && values.length < cycles; back -= cycleHours) if (back < before) values.push(training[back]);
        return summarise(values, statistic);
      };
      const profile = Array.from({ length: horizon }, (_, lead) => profileAt(n + lead, n));
      const hours = Math.min(levelHours, n - cycleHours);
      if (hours <= 0) return { forecast: profile, fitted: { levelAdjustment: 'none' } };
      let recent = 0;
      let expected = 0;
      for (let t = n - hours; t < n; t++) {
        recent += training[t];
        expected += profileAt(t, t);
      }
      if (recent > 0 && expected > 0) return { forecast: profile.map((value) => (value * recent) / expected), fitted: { levelRatio: recent / expected } };
      const shift = (recent - expected) / hours;
      return { forecast: profile.map((value) => value + shift), fitted: { levelShift: shift } };
    },
  };
}

function summarise(values: number[], statistic: SameHourMeanSettings['statistic']): number {
  if (statistic === 'mean') return values.reduce((sum, value) => sum + value, 0) / values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
