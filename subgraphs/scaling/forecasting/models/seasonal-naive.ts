import type { ForecastModel } from './forecast-model';

/**
 * Each hour as it was one period ago (24 h: yesterday; 168 h: the same hour last week). The
 * baseline every other model must beat, and the one AWS predictive scaling is measured against.
 */
export function seasonalNaive(periodHours: number): ForecastModel {
  return {
    id: `seasonal-naive-${periodHours}h`,
    family: 'seasonal-naive',
    parameters: { periodHours },
    cycle: periodHours >= 168 ? 'weekly' : 'daily',
    minimumHours: periodHours,
    trainingHours: periodHours,
    fit(training, horizon) {
      const n = training.length;
      return { forecast: Array.from({ length: horizon }, (_, lead) => training[n - periodHours + (lead % periodHours)]), fitted: {} };
    },
  };
}
