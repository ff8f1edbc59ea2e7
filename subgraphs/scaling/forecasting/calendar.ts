import { DomainError } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import { HOUR_MS } from './hourly-series';

export type CalendarExceptionKind = 'HOLIDAY' | 'PLANNED_PEAK';

/**
 * A tenant's known departure from its usual demand: a holiday, or a planned peak (a launch, a
 * campaign, a batch run), over [start, end). `factor` multiplies the usual demand in those hours
 * (0.4: a holiday at 40 % of a usual day; 3: three times the usual load); without one, the factor
 * is learned from the past hours of the same kind in the history (see `learnedFactors`).
 */
export interface CalendarException {
  readonly start: Date;
  readonly end: Date;
  readonly kind: CalendarExceptionKind;
  readonly factor?: number;
}

/** The exceptions that touch one hour; when several do, their factors multiply. */
export type ExceptionHour = readonly Pick<CalendarException, 'kind' | 'factor'>[];

/** Refuses an exception that ends before it starts or whose factor is not a positive number. */
export function validateCalendar(calendar: readonly CalendarException[]): void {
  calendar.forEach((exception, i) => {
    const field = `calendar[${i}]`;
    if (!Number.isFinite(exception.start.getTime()) || !Number.isFinite(exception.end.getTime()) || exception.end <= exception.start) {
      throw new DomainError(ErrorCode.BadUserInput, `${field}: end must be a time after start.`, { field });
    }
    if (exception.factor !== undefined && !(Number.isFinite(exception.factor) && exception.factor > 0)) {
      throw new DomainError(ErrorCode.BadUserInput, `${field}.factor must be a positive number (0.5 halves the usual demand, 2 doubles it), got ${exception.factor}.`, { field: `${field}.factor` });
    }
  });
}

/**
 * The calendar laid over `hours` hours from `start`: per hour, the exceptions that touch it (an
 * exception covering part of an hour marks the whole hour), or null for an ordinary hour.
 */
export function exceptionHours(start: Date, hours: number, calendar: readonly CalendarException[]): (ExceptionHour | null)[] {
  const marks: { kind: CalendarExceptionKind; factor?: number }[][] = Array.from({ length: hours }, () => []);
  for (const exception of calendar) {
    const from = Math.max(0, Math.floor((exception.start.getTime() - start.getTime()) / HOUR_MS));
    const to = Math.min(hours, Math.ceil((exception.end.getTime() - start.getTime()) / HOUR_MS));
    for (let i = from; i < to; i++) marks[i].push({ kind: exception.kind, factor: exception.factor });
  }
  return marks.map((mark) => (mark.length > 0 ? mark : null));
}

/** Past exception hours of a kind needed before its factor is learned rather than assumed to be 1. */
export const MIN_HOURS_TO_LEARN_FACTOR = 3;

export interface LearnedFactor {
  readonly factor: number;
  /** The past hours of this kind it was learned from; 0 when there were too few and the factor is 1. */
  readonly fromHours: number;
}

/**
 * A factor per kind, learned as Σ actual ÷ Σ usual over the past hours under one exception of that
 * kind and no other (an hour under a holiday and a peak at once says nothing about either), where
 * "usual" is what the models were shown in their place (the filled value: the same hour a week or
 * a day before). A ratio of sums, not a mean of ratios, so a quiet night hour cannot swing it.
 * Below MIN_HOURS_TO_LEARN_FACTOR such hours the factor is 1 (the caller warns).
 */
export function learnedFactors(actual: readonly (number | null)[], usual: readonly number[], exceptions: readonly (ExceptionHour | null)[], before: number): Record<CalendarExceptionKind, LearnedFactor> {
  const learn = (kind: CalendarExceptionKind): LearnedFactor => {
    let actualSum = 0;
    let usualSum = 0;
    let hours = 0;
    for (let t = 0; t < before; t++) {
      const mark = exceptions[t];
      const value = actual[t];
      if (!mark || mark.length !== 1 || mark[0].kind !== kind || value === null) continue;
      actualSum += value;
      usualSum += usual[t];
      hours += 1;
    }
    return hours >= MIN_HOURS_TO_LEARN_FACTOR && usualSum > 0 && actualSum >= 0 ? { factor: actualSum / usualSum, fromHours: hours } : { factor: 1, fromHours: 0 };
  };
  return { HOLIDAY: learn('HOLIDAY'), PLANNED_PEAK: learn('PLANNED_PEAK') };
}

/** The factor of one hour: the product of its exceptions' factors, each given or else learned. */
export function factorOf(mark: ExceptionHour, learned: Record<CalendarExceptionKind, LearnedFactor>): number {
  return mark.reduce((product, exception) => product * (exception.factor ?? learned[exception.kind].factor), 1);
}
