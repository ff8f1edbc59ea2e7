import { exceptionHours, type CalendarException, type ExceptionHour } from './calendar';
import { hoursAfter, type HourlySeries } from './hourly-series';

/**
 * A history as the models and the backtest see it, from its first recorded hour on:
 * - `filled`: the models' input, every missing hour and every calendar exception hour replaced by
 *   the same hour a week before (a day before when weekly cycles are off or the week is not there
 *   yet; the hour before in the first day). Holidays and planned peaks would otherwise be learned
 *   as ordinary demand and echoed a week later by every seasonal model.
 * - `scorable`: hours recorded and ordinary, the only ones a backtest scores a forecast on.
 * The filling looks only backwards, so the hours up to any origin are filled the same whether the
 * history ends there or runs on: a backtest forecast made at an origin depends on nothing after it.
 */
export interface PreparedSeries {
  readonly start: Date;
  readonly actual: readonly (number | null)[];
  readonly filled: readonly number[];
  readonly scorable: readonly boolean[];
  readonly exceptions: readonly (ExceptionHour | null)[];
}

export interface PrepareOptions {
  readonly calendar: readonly CalendarException[];
  readonly weeklyCycles: boolean;
}

export const DAY_HOURS = 24;
export const WEEK_HOURS = 168;

/** Null when the history records no hour at all. */
export function prepareSeries(history: HourlySeries, options: PrepareOptions): PreparedSeries | null {
  const first = history.values.findIndex((value) => value !== null);
  if (first < 0) return null;
  const actual = history.values.slice(first);
  const start = hoursAfter(history.start, first);
  const exceptions = exceptionHours(start, actual.length, options.calendar);
  const filled: number[] = [];
  const scorable: boolean[] = [];
  actual.forEach((value, t) => {
    const ordinary = exceptions[t] === null;
    scorable.push(value !== null && ordinary);
    if (value !== null && (ordinary || t === 0)) filled.push(value);
    else if (options.weeklyCycles && t >= WEEK_HOURS) filled.push(filled[t - WEEK_HOURS]);
    else if (t >= DAY_HOURS) filled.push(filled[t - DAY_HOURS]);
    else filled.push(filled[t - 1]);
  });
  return { start, actual, filled, scorable, exceptions };
}

/** How many of the `hours` hours before `before` were not recorded (and so were filled). */
export function missingHours(series: PreparedSeries, before: number, hours: number): number {
  let missing = 0;
  for (let t = Math.max(0, before - hours); t < before; t++) if (series.actual[t] === null) missing += 1;
  return missing;
}
