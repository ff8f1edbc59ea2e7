import { timePeriod } from './evolution-trigger-runner';

describe('timePeriod (TIME_BASED triggers)', () => {
  const createdAt = '2026-12-03T12:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);

  it('is 0 during the first period and counts whole periods after it', () => {
    expect(timePeriod(createdAt, 60, at('2026-12-03T12:59:59.999Z'))).toBe(0);
    expect(timePeriod(createdAt, 60, at('2026-12-03T13:00:00.000Z'))).toBe(1);
    expect(timePeriod(createdAt, 60, at('2026-12-03T13:59:00.000Z'))).toBe(1);
    expect(timePeriod(createdAt, 60, at('2026-12-03T14:00:00.000Z'))).toBe(2);
  });

  it('gives one key per period however often the runner looks, and skips to the current period after a pause', () => {
    const looks = ['12:30', '13:05', '13:10', '13:55', '16:20'].map((time) => timePeriod(createdAt, 60, at(`2026-12-03T${time}:00.000Z`)));
    expect(looks).toEqual([0, 1, 1, 1, 4]);
  });

  it('never counts before creation or without a period', () => {
    expect(timePeriod(createdAt, 60, at('2026-12-03T11:00:00.000Z'))).toBe(0);
    expect(timePeriod(createdAt, 0, at('2026-12-04T12:00:00.000Z'))).toBe(0);
  });
});
