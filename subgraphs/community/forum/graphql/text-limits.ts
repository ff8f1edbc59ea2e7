import { badUserInput } from '../../../../platform/errors';

export const MAX_TITLE = 200;
export const MAX_BODY = 20_000;
export const MAX_REASON = 1_000;

/** Refuses empty or over-long text before anything is stored. */
export function requireText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) throw badUserInput(`${field} must not be empty.`, field);
  if (text.length > max) throw badUserInput(`${field} has at most ${max} characters.`, field);
  return text;
}
