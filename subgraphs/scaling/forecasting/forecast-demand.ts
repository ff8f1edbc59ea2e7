import { DomainError } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import { validateCalendar, type CalendarException } from './calendar';
import type { DemandForecast, ForecastWarning } from './demand-forecast';
import { HOUR_MS, hourOf, hoursAfter, isWholeHour, type HourlySeries } from './hourly-series';
import { RollingForecaster } from './rolling-forecaster';

export interface ForecastDemandOptions {
  readonly horizonHours: number;
  /** Whether weekly (business-week) cycles may be modelled; they need two weeks of history. */
  readonly includeBusinessCycles: boolean;
  readonly calendar?: readonly CalendarException[];
  /** The share of outcomes the intervals should hold; 0.9 by default. */
  readonly coverage?: number;
  /**
   * When the forecast is made: its first hour is the hour containing `now`. Recorded hours from
   * then on are ignored (a warning says so); hours between the history's end and `now` are missing.
   * By default, the hour after the history's last.
   */
  readonly now?: Date;
}

export const MAX_HORIZON_HOURS = 336;
const DEFAULT_COVERAGE = 0.9;

/** The hourly demand forecast of one tenant's resource (see index.ts). */
export function forecastDemand(history: HourlySeries, options: ForecastDemandOptions): DemandForecast {
  validate(history, options);
  const end = hoursAfter(history.start, history.values.length);
  const origin = options.now ? hourOf(options.now) : end;
  const offset = Math.round((origin.getTime() - history.start.getTime()) / HOUR_MS);
  const values = offset <= history.values.length ? history.values.slice(0, Math.max(0, offset)) : [...history.values, ...new Array<null>(offset - history.values.length).fill(null)];
  const forecaster = new RollingForecaster({ start: history.start, values }, { includeBusinessCycles: options.includeBusinessCycles, calendar: options.calendar ?? [], maxHorizonHours: options.horizonHours });
  const forecast = forecaster.forecastAt(origin, { horizonHours: options.horizonHours, coverage: options.coverage ?? DEFAULT_COVERAGE });
  if (offset >= history.values.length) return forecast;
  const ignored: ForecastWarning = { code: 'HISTORY_AFTER_NOW_IGNORED', message: `${history.values.length - offset} recorded hour(s) at or after now (${origin.toISOString()}) were ignored.` };
  return { ...forecast, warnings: [...forecast.warnings, ignored] };
}

function validate(history: HourlySeries, options: ForecastDemandOptions): void {
  const refuse = (field: string, message: string) => {
    throw new DomainError(ErrorCode.BadUserInput, message, { field });
  };
  if (!isWholeHour(history.start)) refuse('history.start', `history.start must be the start of an hour (minutes, seconds and milliseconds 0), got ${history.start.toISOString()}.`);
  const bad = history.values.findIndex((value) => value !== null && !Number.isFinite(value));
  if (bad >= 0) refuse(`history.values[${bad}]`, `history.values[${bad}] must be a finite number or null (a missing hour).`);
  if (!Number.isInteger(options.horizonHours) || options.horizonHours < 1 || options.horizonHours > MAX_HORIZON_HOURS) {
    refuse('horizonHours', `horizonHours must be a whole number from 1 to ${MAX_HORIZON_HOURS}, got ${options.horizonHours}.`);
  }
  const coverage = options.coverage ?? DEFAULT_COVERAGE;
  if (!(coverage > 0 && coverage < 1)) refuse('coverage', `coverage must be between 0 and 1 (0.9 for a 90% interval), got ${coverage}.`);
  if (options.now && !Number.isFinite(options.now.getTime())) refuse('now', 'now must be a valid time.');
  validateCalendar(options.calendar ?? []);
}
