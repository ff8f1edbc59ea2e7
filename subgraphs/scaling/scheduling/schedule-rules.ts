import { DomainError } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import type { ScheduleProblem } from './schedule-problem';

export const HOURS_PER_WEEK = 168;
/** A month of hours: beyond that a forecast quantile is too wide to be worth optimising against. */
export const MAX_SCHEDULE_HOURS = 744;
export const MAX_CAPACITY_UNITS = 100_000;
/** Bounds the solvers' tables (hours × capacity levels): a month at 5,000 levels, under 100 MB. */
export const MAX_SCHEDULE_STATES = 4_000_000;

/** One bound for all hours, one per hour of the week (168 entries), or a function of the hour of week. */
export type CapacityBound = number | readonly number[] | ((hourOfWeek: number) => number);

/** A scaling policy's rules as the schedule optimiser reads them; capacities in whole units. */
export interface ScheduleRules {
  readonly minCapacity: CapacityBound;
  readonly maxCapacity: CapacityBound;
  /** Largest change of capacity from one hour to the next; unlimited when absent. */
  readonly maxStepChange?: number;
  readonly unitCostPerHour: number;
  /** Charged for every hour whose capacity differs from the hour before. */
  readonly costPerAction?: number;
  /** After any change (up or down), the new level is kept at least this many hours. */
  readonly minHoldHours?: number;
  /** Total cost allowed over the horizon. */
  readonly costLimit?: number;
}

export interface ScheduleProblemInput {
  /** The first hour of the horizon, on the hour (UTC). */
  readonly start: Date;
  /** Capacity units needed in each hour. */
  readonly required: readonly number[];
  /** The level in force in the hour before `start`. */
  readonly initialCapacity: number;
  /** How long the initial level has been held; by default long enough to change it at once. */
  readonly initialHeldHours?: number;
  readonly rules: ScheduleRules;
}

/**
 * Hours since Monday 00:00 UTC (ISO weeks start on Monday), so a 168-entry bound reads like a
 * business week: entries 0–23 are Monday.
 */
export function hourOfWeek(time: Date): number {
  return ((time.getUTCDay() + 6) % 7) * 24 + time.getUTCHours();
}

/**
 * Validates a request and resolves its rules to the hours of the horizon. Malformed values are
 * BAD_USER_INPUT with `reason: INVALID_SCHEDULE_RULE`; rules that contradict each other (min above
 * max in some hour) carry `reason: SCALING_POLICY_CONFLICT`, which the subgraph reports as such.
 * Both name the offending `field`.
 */
export function scheduleProblem(input: ScheduleProblemInput): ScheduleProblem {
  const { start, required, rules } = input;
  if (!(start instanceof Date) || Number.isNaN(start.getTime()) || start.getTime() % 3_600_000 !== 0) {
    invalid('start', 'start is a time on the hour (UTC).');
  }
  if (!Array.isArray(required) || required.length === 0 || required.length > MAX_SCHEDULE_HOURS) {
    invalid('required', `required lists 1 to ${MAX_SCHEDULE_HOURS} hourly capacities.`);
  }
  required.forEach((units, t) => wholeUnits(units, `required[${t}]`));
  const minCapacity = perHour(rules.minCapacity, 'rules.minCapacity', start, required.length);
  const maxCapacity = perHour(rules.maxCapacity, 'rules.maxCapacity', start, required.length);
  for (let t = 0; t < required.length; t++) {
    if (minCapacity[t] > maxCapacity[t]) {
      conflict('rules.minCapacity', `minCapacity ${minCapacity[t]} is above maxCapacity ${maxCapacity[t]} at hour of week ${hourOfWeek(hourAt(start, t))}.`);
    }
  }
  const maxStepChange = rules.maxStepChange === undefined ? Infinity : wholeUnits(rules.maxStepChange, 'rules.maxStepChange', 1);
  const minHoldHours = rules.minHoldHours === undefined ? 1 : wholeUnits(rules.minHoldHours, 'rules.minHoldHours', 1, MAX_SCHEDULE_HOURS);
  const levels = Math.max(...maxCapacity) - Math.min(...minCapacity) + 1;
  if (required.length * levels > MAX_SCHEDULE_STATES) {
    invalid('required', `hours × capacity levels is ${required.length * levels}, above ${MAX_SCHEDULE_STATES}: use larger capacity units or a shorter horizon.`);
  }
  return {
    hours: required.length,
    required: [...required],
    minCapacity,
    maxCapacity,
    maxStepChange,
    minHoldHours,
    unitCostPerHour: money(rules.unitCostPerHour, 'rules.unitCostPerHour'),
    costPerAction: rules.costPerAction === undefined ? 0 : money(rules.costPerAction, 'rules.costPerAction'),
    costLimit: rules.costLimit === undefined ? Infinity : money(rules.costLimit, 'rules.costLimit'),
    initialCapacity: wholeUnits(input.initialCapacity, 'initialCapacity'),
    initialHeldHours: input.initialHeldHours === undefined ? minHoldHours : wholeUnits(input.initialHeldHours, 'initialHeldHours', 1, Number.MAX_SAFE_INTEGER),
  };
}

export function hourAt(start: Date, hourIndex: number): Date {
  return new Date(start.getTime() + hourIndex * 3_600_000);
}

/** A bound's value in one hour of the week, as given (scheduleProblem validates it). */
export function boundAt(bound: CapacityBound, week: number): number {
  return typeof bound === 'number' ? bound : typeof bound === 'function' ? bound(week) : bound[week];
}

function perHour(bound: CapacityBound, field: string, start: Date, hours: number): number[] {
  if (typeof bound !== 'number' && typeof bound !== 'function' && !(Array.isArray(bound) && bound.length === HOURS_PER_WEEK)) {
    invalid(field, `${field} is a number, a list of ${HOURS_PER_WEEK} numbers (one per hour of the week) or a function of the hour of week.`);
  }
  const named = (week: number): string => (typeof bound === 'number' ? field : typeof bound === 'function' ? `${field}(${week})` : `${field}[${week}]`);
  return Array.from({ length: hours }, (_, t) => {
    const week = hourOfWeek(hourAt(start, t));
    return wholeUnits(boundAt(bound, week), named(week));
  });
}

function wholeUnits(value: unknown, field: string, min = 0, max = MAX_CAPACITY_UNITS): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) invalid(field, `${field} is a whole number from ${min} to ${max}.`);
  return value as number;
}

function money(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid(field, `${field} is a finite amount ≥ 0.`);
  return value as number;
}

function invalid(field: string, message: string): never {
  throw new DomainError(ErrorCode.BadUserInput, message, { field, reason: 'INVALID_SCHEDULE_RULE' });
}

export function conflict(field: string, message: string): never {
  throw new DomainError(ErrorCode.BadUserInput, message, { field, reason: 'SCALING_POLICY_CONFLICT' });
}
