import { hoursAfter, type HourlySeries, type RollingForecaster } from '../../subgraphs/scaling/forecasting';
import { demandAtQuantile } from '../../subgraphs/scaling/schedules/demand-quantile';
import { compareSchedules, formatScheduleComparison, type ScheduleComparison } from './schedule-comparison';

/** The plans' horizon: a day, as PREDICTION_HORIZON is by default. */
const PLAN_HOURS = 24;
/** A plan every 6 hours, as forecasts are refreshed. */
const REPLAN_HOURS = 6;
/** The forecasts' central interval: its upper bound is their 0.95 quantile. */
const COVERAGE = 0.9;
/** The demand quantile each hour's capacity covers, read from the band as a policy's demandQuantile is (subgraphs/scaling/schedules/demand-quantile.ts). */
export const COVERED_QUANTILE = Number(process.env.BENCH_SCHEDULE_QUANTILE ?? 0.99);

export interface ScheduleSectionRow {
  readonly series: string;
  readonly windowHours: number;
  readonly comparison: ScheduleComparison;
  /** The same plans drawn by the genetic algorithm (SCALING_OPTIMIZATION_ALGORITHM=genetic): its cost over the exact plans' cost. */
  readonly geneticCostRatio: number;
  readonly geneticUnderProvisionedHours: number;
}

/**
 * The capacity schedule against static peak provisioning and a reactive policy, on the last
 * `windowHours` of each series. Every window hour's demand to cover is the upper bound of a
 * forecast made at least a plan's horizon before it (from the 6-hourly origin at or before
 * hour − 24, leads of 24–29 h), so no plan reads a forecast made after it is drawn up.
 */
export function runScheduleSection(series: readonly { name: string; history: HourlySeries; forecaster: RollingForecaster }[], windowHours: number): ScheduleSectionRow[] {
  return series
    .filter(({ history }) => history.values.length >= windowHours + 14 * 24)
    .map(({ name, history, forecaster }) => {
      const windowStart = history.values.length - windowHours;
      const coveredDemand: number[] = [];
      const forecasts = new Map<number, readonly { expected: number; lower: number; upper: number }[]>();
      for (let hour = windowStart; hour < history.values.length; hour++) {
        const origin = Math.floor((hour - PLAN_HOURS) / REPLAN_HOURS) * REPLAN_HOURS;
        if (!forecasts.has(origin)) forecasts.set(origin, forecaster.forecastAt(hoursAfter(history.start, origin), { horizonHours: PLAN_HOURS + REPLAN_HOURS, coverage: COVERAGE }).points);
        const point = forecasts.get(origin)![hour - origin];
        coveredDemand.push(demandAtQuantile({ ...point, time: '' }, COVERED_QUANTILE, COVERAGE));
      }
      const input = {
        start: hoursAfter(history.start, windowStart),
        history: history.values.slice(0, windowStart),
        actual: history.values.slice(windowStart),
        coveredDemand,
        forecastHorizonHours: PLAN_HOURS,
        replanEveryHours: REPLAN_HOURS,
      };
      const comparison = compareSchedules(input);
      const genetic = compareSchedules({ ...input, algorithm: 'genetic', seed: 1 }).optimised;
      return { series: name, windowHours, comparison, geneticCostRatio: genetic.cost / comparison.optimised.cost, geneticUnderProvisionedHours: genetic.underProvisionedHours };
    });
}

export function formatScheduleSection(rows: readonly ScheduleSectionRow[]): string {
  return rows
    .map((row) => `${row.series} (last ${row.windowHours / 24} days)\n${formatScheduleComparison(row.comparison)}\n  genetic plans: cost ${row.geneticCostRatio.toFixed(4)} × exact, ${row.geneticUnderProvisionedHours} under-provisioned h`)
    .join('\n');
}
