import { mstl, nonSeasonalEts } from './augurs-models';
import type { ForecastModel } from './forecast-model';
import { holtWinters } from './holt-winters';
import { sameHourMean } from './same-hour-mean';
import { seasonalNaive } from './seasonal-naive';

/** Issue 11: below two weeks of history only daily-cycle models are candidates. */
export const WEEKLY_MODELS_NEED_HOURS = 336;

/** Cheap models with no cycle longer than a day: candidates at any history length. */
const DAILY_MODELS: readonly ForecastModel[] = [
  seasonalNaive(24),
  sameHourMean({ cycleHours: 24, cycles: 7, statistic: 'median', levelHours: 0 }),
  sameHourMean({ cycleHours: 24, cycles: 3, statistic: 'mean', levelHours: 6 }),
  nonSeasonalEts(336),
];

/**
 * Fitted daily models, candidates only while the weekly ones are not: the weekly Holt-Winters and
 * MSTL below carry a daily cycle of their own, so these would cost a fit per origin for little.
 */
const DAILY_ONLY_MODELS: readonly ForecastModel[] = [holtWinters({ weekly: false, trainingHours: 336 }), mstl({ periods: [24], trainingHours: 336 })];

/**
 * Weekly models. The same-hour variants span what separates the series: how many weeks to
 * average (a longer memory smooths noise, a shorter one follows change), mean or median (the
 * median shrugs off one holiday week), and whether to rescale to the last day or three (levels
 * shift and trend).
 */
const WEEKLY_MODELS: readonly ForecastModel[] = [
  seasonalNaive(168),
  sameHourMean({ cycleHours: 168, cycles: 3, statistic: 'mean', levelHours: 0 }),
  sameHourMean({ cycleHours: 168, cycles: 3, statistic: 'mean', levelHours: 24 }),
  sameHourMean({ cycleHours: 168, cycles: 3, statistic: 'mean', levelHours: 72 }),
  sameHourMean({ cycleHours: 168, cycles: 5, statistic: 'median', levelHours: 0 }),
  sameHourMean({ cycleHours: 168, cycles: 5, statistic: 'median', levelHours: 24 }),
  holtWinters({ weekly: true, trainingHours: 672 }),
  mstl({ periods: [24, 168], trainingHours: 672 }),
];

/** Every model of the catalog, each id once: what the backtest ledger may be asked about. */
export const ALL_MODELS: readonly ForecastModel[] = [...DAILY_MODELS, ...DAILY_ONLY_MODELS, ...WEEKLY_MODELS];

/** Whether weekly models are candidates for a forecast made after `historyHours` hours of history. */
export function weeklyCyclesUsable(historyHours: number, includeBusinessCycles: boolean): boolean {
  return includeBusinessCycles && historyHours >= WEEKLY_MODELS_NEED_HOURS;
}

/** The models a forecast chooses among, in order of preference when two backtest alike. */
export function candidateModels(historyHours: number, includeBusinessCycles: boolean): readonly ForecastModel[] {
  return weeklyCyclesUsable(historyHours, includeBusinessCycles) ? [...DAILY_MODELS, ...WEEKLY_MODELS] : [...DAILY_MODELS, ...DAILY_ONLY_MODELS];
}
