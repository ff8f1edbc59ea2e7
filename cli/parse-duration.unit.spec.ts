import { parseDuration } from './parse-duration';
import { UsageError } from './usage-error';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['1.5s', 1500],
    ['.25s', 250],
    ['2m', 120_000],
    ['2h', 7_200_000],
    [' 3s ', 3000],
  ])('reads %p as %p ms', (text, ms) => {
    expect(parseDuration(text, '--time')).toBe(ms);
  });

  it.each(['10', 's', '10 s', '-1s', '1d', '10sec', '1e3ms', '', '0s', '0.0001s'])('refuses %p with a message naming the flag', (text) => {
    expect(() => parseDuration(text, '--time')).toThrow(UsageError);
    expect(() => parseDuration(text, '--time')).toThrow(/^--time must be/);
  });
});
