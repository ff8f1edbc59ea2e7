/**
 * Demand forecasting for predictive scaling (issue 11): pure computation over hourly series, no I/O.
 *
 * `forecastDemand(history, options)` forecasts one tenant × resource:
 * - `history`: `{ start, values }`, `start` a whole hour, `values[i]` the demand of the hour `i`
 *   hours later, null for a missing hour. `resampleHourly(rows, { aggregation })` makes one from raw
 *   timestamped samples: `sum` for counts (requests), `mean` for levels (CPU %).
 * - `options`: `horizonHours` (1–336); `includeBusinessCycles` (weekly cycles allowed);
 *   `calendar` (holidays and planned peaks: `{ start, end, kind: 'HOLIDAY' | 'PLANNED_PEAK', factor? }`);
 *   `coverage` of the intervals (0.9); `now` (the forecast's first hour; the hour after the history by default).
 *
 * How it decides, in order:
 * 1. Under 24 recorded hours it refuses with INSUFFICIENT_HISTORY (`extensions.moreHoursNeeded`).
 * 2. Missing hours and calendar exception hours are filled from the same hour a week (or a day)
 *    before for the models, and are never scored.
 * 3. Candidates: seasonal naive (24 h, 168 h), same-hour mean/median of recent days or weeks (level
 *    adjusted or not), Holt-Winters (daily, or Taylor's daily + weekly), augurs' MSTL (24 h, or
 *    24 h + 168 h) and non-seasonal AutoETS. Weekly models only with `includeBusinessCycles` and
 *    two weeks of history (models/catalog.ts).
 * 4. A rolling-origin backtest picks one: each candidate forecasts `horizonHours` from an origin
 *    every 6 h over the last four weeks, using only the hours before each origin; the lowest WAPE on
 *    the same hours wins, and the mean of the best two or three may win too (model-selection.ts).
 * 5. Intervals are split-conformal on the chosen model's backtest errors, per lead bucket
 *    (conformal-intervals.ts), at a level raised after recent misses (adaptive conformal,
 *    adaptive-coverage.ts). Calendar hours are scaled by their factor, given or learned from past
 *    exceptions of that kind.
 *
 * The answer (`DemandForecast`): `points` `{ time, expected, lower, upper }` per hour; `modelId` and
 * `modelParameters` (settings, fitted values, training window: enough to rebuild it); `accuracy`
 * (the chosen model's backtest WAPE and MASE, and the coverage its intervals had over the last week
 * of backtest origins, each calibrated on earlier hours only); `backtest` (every candidate's figures);
 * `historyHours`; `calendarFactors`; `warnings` (short history, gaps, uncalibrated intervals, …).
 *
 * `RollingForecaster` gives the same answer from every origin of one long history while sharing
 * the backtest fits (the bench's honest rolling evaluation runs on it), and with
 * `forecastWithModel` the forecast of one named model: a stored model rebuilt, or a model judged alone.
 */
export { resampleHourly, type Aggregation, type ResampleOptions, type TimedValue } from './resample-hourly';
export { HOUR_MS, hoursAfter, type HourlySeries } from './hourly-series';
export type { CalendarException, CalendarExceptionKind } from './calendar';
export { forecastDemand, MAX_HORIZON_HOURS, type ForecastDemandOptions } from './forecast-demand';
export { MIN_HISTORY_HOURS, insufficientHistory } from './insufficient-history';
export { WEEKLY_MODELS_NEED_HOURS } from './models/catalog';
export { ORIGIN_STEP_HOURS } from './model-selection';
export { RollingForecaster, type ForecasterSettings, type OriginRequest } from './rolling-forecaster';
export type { Accuracy, DemandForecast, ForecastPoint, ForecastWarning, ModelBacktest, ModelParameters } from './demand-forecast';
