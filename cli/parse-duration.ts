import { UsageError } from './usage-error';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)$/;

/** `500ms`, `10s`, `1.5s`, `2m`, `2h` → milliseconds (rounded to whole ms). A bare number has no unit and is refused. */
export function parseDuration(text: string, flag: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) throw new UsageError(`${flag} must be a duration such as 500ms, 10s, 2m or 1h, got "${text}"`);
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2]]);
  if (ms <= 0) throw new UsageError(`${flag} must be longer than 0ms, got "${text}"`);
  return ms;
}
