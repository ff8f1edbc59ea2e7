import { parse } from 'csv-parse/sync';
import type { UsagePoint } from '../../../schema/events';
import { hourOf } from '../../../schema/read-models/usage';

export type HourlyAggregate = 'sum' | 'mean';

export interface UsageCsvOptions {
  readonly timestampColumn: string;
  readonly valueColumn: string;
  /** How the rows of one hour become its value: `sum` for counts, `mean` for utilisation. */
  readonly aggregate: HourlyAggregate;
  /** For files whose timestamps are offsets in seconds (the Azure and Google traces): the instant offset 0 stands for. */
  readonly start?: Date;
  /** Moves the series so that its last hour is the hour before `now`. */
  readonly shiftToNow?: boolean;
  readonly now?: Date;
}

/** A row that cannot be read, by its line in the file (the header is line 1). */
export interface BadRow {
  readonly line: number;
  readonly reason: string;
}

export interface ParsedUsage {
  /** One point per hour with rows, oldest first. */
  readonly points: UsagePoint[];
  readonly rows: number;
  readonly badRows: BadRow[];
  /** The shift applied by shiftToNow, in hours (0 without it). */
  readonly shiftedHours: number;
}

const HOUR_MS = 3_600_000;

/**
 * A CSV of timestamped values (`timestamp,value` like the series in ../shared/data/demand) read into
 * hourly usage (parsed by csv-parse: quoted fields, CRLF). Timestamps are ISO date-times or `YYYY-MM-DD HH:MM:SS` (read as UTC: the files
 * name no zone), or offsets in seconds from `start`. Every row is checked before anything is
 * kept: a caller records nothing when `badRows` is not empty.
 */
export function parseUsageCsv(text: string, options: UsageCsvOptions): ParsedUsage {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it was read; the typings do not model that option.
    records = parse(text, { info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { points: [], rows: 0, badRows: [{ line, reason: (error as Error).message }], shiftedHours: 0 };
  }
  const header = records[0]?.record ?? [];
  const timeIndex = header.indexOf(options.timestampColumn);
  const valueIndex = header.indexOf(options.valueColumn);
  const missing = [timeIndex < 0 && options.timestampColumn, valueIndex < 0 && options.valueColumn].filter(Boolean);
  if (missing.length > 0) {
    return { points: [], rows: 0, badRows: [{ line: 1, reason: `no column ${missing.map((name) => `"${name}"`).join(' or ')} in the header (columns: ${header.join(', ')})` }], shiftedHours: 0 };
  }
  const hours = new Map<number, { sum: number; count: number }>();
  const badRows: BadRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const time = instantOf(record[timeIndex], options.start);
    if (typeof time === 'string') {
      badRows.push({ line: info.lines, reason: time });
      continue;
    }
    const field = record[valueIndex] ?? '';
    const value = Number(field);
    if (field === '' || !Number.isFinite(value) || value < 0) {
      badRows.push({ line: info.lines, reason: `value "${field}" is not a number ≥ 0` });
      continue;
    }
    const hour = Date.parse(hourOf(new Date(time)));
    const known = hours.get(hour) ?? { sum: 0, count: 0 };
    hours.set(hour, { sum: known.sum + value, count: known.count + 1 });
  }
  const ordered = [...hours.entries()].sort(([a], [b]) => a - b);
  const last = ordered.at(-1)?.[0];
  const shift = options.shiftToNow && last !== undefined ? Date.parse(hourOf(options.now ?? new Date())) - HOUR_MS - last : 0;
  const points = ordered.map(([hour, { sum, count }]) => ({ time: new Date(hour + shift).toISOString(), value: options.aggregate === 'sum' ? sum : sum / count }));
  return { points, rows: records.length - 1, badRows, shiftedHours: shift / HOUR_MS };
}

/** Milliseconds since the epoch, or why the field is not a timestamp. */
function instantOf(field: string | undefined, start: Date | undefined): number | string {
  const text = field?.trim() ?? '';
  if (text === '') return 'no timestamp';
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    if (!start) return `timestamp "${text}" is an offset: give --start for the instant it counts from`;
    return start.getTime() + Number(text) * 1000;
  }
  const naive = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
  const parsed = Date.parse(naive ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(parsed) ? `timestamp "${text}" is not a date-time` : parsed;
}
