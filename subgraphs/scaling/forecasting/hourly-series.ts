/** One hour in milliseconds: the forecasting library works on whole UTC hours only. */
export const HOUR_MS = 3_600_000;

/** Hourly demand: `values[i]` is the hour starting `i` hours after `start`; null is a missing hour. */
export interface HourlySeries {
  readonly start: Date;
  readonly values: readonly (number | null)[];
}

export function isWholeHour(time: Date): boolean {
  return Number.isFinite(time.getTime()) && time.getTime() % HOUR_MS === 0;
}

export function hoursAfter(start: Date, hours: number): Date {
  return new Date(start.getTime() + hours * HOUR_MS);
}

/** The hour that contains `time`. */
export function hourOf(time: Date): Date {
  return new Date(Math.floor(time.getTime() / HOUR_MS) * HOUR_MS);
}
