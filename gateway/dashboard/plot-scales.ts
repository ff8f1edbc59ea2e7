/**
 * Axis arithmetic and labels for the forecast plot. Every label is formatted here by hand, in
 * UTC and in one fixed style, rather than with toLocaleString or Intl: the same data must give
 * the same picture on every machine (the CLI's output is compared byte for byte).
 */

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** 1970-01-05, the first Monday of the epoch: weekly ticks fall on Mondays. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Maps [domainFrom, domainTo] onto [rangeFrom, rangeTo] linearly (a reversed range flips the axis, as y does). */
export function linearScale(domainFrom: number, domainTo: number, rangeFrom: number, rangeTo: number): (value: number) => number {
  const span = domainTo - domainFrom || 1;
  return (value) => rangeFrom + ((value - domainFrom) / span) * (rangeTo - rangeFrom);
}

/** Ticks from 0 to a round value at or above `max`, about `targetCount` steps of 1, 2, 2.5 or 5 × a power of ten. */
export function demandTicks(max: number, targetCount = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / targetCount;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude;
  const count = Math.ceil(max / step - 1e-9);
  // Multiplying rather than adding keeps 0.1 + 0.2-style drift out of the labels.
  return Array.from({ length: count + 1 }, (_, index) => Number((index * step).toPrecision(12)));
}

export interface TimeTick {
  readonly time: number;
  readonly label: string;
}

/** Tick spacings, finest first: hours, then days, then weeks. */
const TIME_STEPS_HOURS = [1, 2, 3, 6, 12, 24, 48, 168];

/**
 * Ticks across a UTC window at the finest spacing that keeps at most `maxTicks`, aligned to whole
 * hours of the UTC day (days to midnight, weeks to Monday). A tick at midnight names the day; the
 * others name the hour.
 */
export function timeTicks(fromMs: number, toMs: number, maxTicks: number): TimeTick[] {
  const span = Math.max(toMs - fromMs, HOUR_MS);
  const stepHours = TIME_STEPS_HOURS.find((hours) => span / (hours * HOUR_MS) < maxTicks) ?? Math.ceil(span / (maxTicks * 7 * DAY_MS)) * 168;
  const step = stepHours * HOUR_MS;
  const origin = stepHours % 168 === 0 ? FIRST_MONDAY_MS : 0;
  const ticks: TimeTick[] = [];
  for (let time = origin + Math.ceil((fromMs - origin) / step) * step; time <= toMs; time += step) {
    ticks.push({ time, label: time % DAY_MS === 0 ? dayLabel(time) : hourLabel(time) });
  }
  return ticks;
}

/** "Tue 12 May". */
export function dayLabel(timeMs: number): string {
  const date = new Date(timeMs);
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}

/** "06:00". */
function hourLabel(timeMs: number): string {
  const date = new Date(timeMs);
  return `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}`;
}

/** "2026-05-12 14:00 UTC". */
export function utcMinute(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 10)} ${hourLabel(time)} UTC`;
}

/** A demand figure in at most three significant digits: 950, 3.6k, 12k, 1.25M. */
export function quantity(value: number): string {
  const size = Math.abs(value);
  for (const [scale, suffix] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const) {
    if (size >= scale) return `${threeDigits(value / scale)}${suffix}`;
  }
  return threeDigits(value);
}

/** A whole number with thousands separated by commas: 3,600. */
export function grouped(value: number): string {
  const [whole, fraction] = String(Math.round(value * 1000) / 1000).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** 0.931 → "93.1 %". */
export function percent(share: number): string {
  return `${trimZeros((share * 100).toFixed(1))} %`;
}

function threeDigits(value: number): string {
  const size = Math.abs(value);
  return trimZeros(value.toFixed(size < 10 ? 2 : size < 100 ? 1 : 0));
}

function trimZeros(fixed: string): string {
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}
