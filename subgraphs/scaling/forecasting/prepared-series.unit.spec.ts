import { prepareSeries } from './prepared-series';
import { MONDAY, hourly } from './test-support/synthetic-demand';

const hour = (h: number) => new Date(MONDAY.getTime() + h * 3_600_000);
const ramp = (hours: number) => Array.from({ length: hours }, (_, t) => t);

describe('prepareSeries', () => {
  it('starts at the first recorded hour', () => {
    const series = prepareSeries(hourly([null, null, 5, 6]), { calendar: [], weeklyCycles: true })!;

    expect(series.start).toEqual(hour(2));
    expect(series.filled).toEqual([5, 6]);
  });

  it('fills a gap from the same hour a week before, or a day before in the first week or without weekly cycles, and never scores it', () => {
    const values: (number | null)[] = ramp(200);
    values[30] = null;
    values[190] = null;

    const weekly = prepareSeries(hourly(values), { calendar: [], weeklyCycles: true })!;
    const daily = prepareSeries(hourly(values), { calendar: [], weeklyCycles: false })!;

    expect([weekly.filled[30], weekly.filled[190], daily.filled[190]]).toEqual([6, 22, 166]);
    expect([weekly.scorable[30], weekly.scorable[190], weekly.scorable[31]]).toEqual([false, false, true]);
  });

  it('shows the models the usual demand in place of a calendar exception, and keeps the actual for learning its factor', () => {
    const series = prepareSeries(hourly(ramp(60)), { calendar: [{ start: hour(50), end: hour(52), kind: 'PLANNED_PEAK' }], weeklyCycles: true })!;

    expect(series.filled.slice(49, 53)).toEqual([49, 26, 27, 52]);
    expect(series.actual.slice(50, 52)).toEqual([50, 51]);
    expect(series.scorable.slice(49, 53)).toEqual([true, false, false, true]);
  });

  it('fills looking backwards only: the hours up to any point are the same however long the history runs on', () => {
    const values: (number | null)[] = ramp(400);
    for (const gap of [10, 11, 170, 300]) values[gap] = null;

    const whole = prepareSeries(hourly(values), { calendar: [], weeklyCycles: true })!;
    const cut = prepareSeries(hourly(values.slice(0, 301)), { calendar: [], weeklyCycles: true })!;

    expect(cut.filled).toEqual(whole.filled.slice(0, 301));
  });

  it('is null for a history without a recorded hour', () => {
    expect(prepareSeries(hourly([null, null]), { calendar: [], weeklyCycles: true })).toBeNull();
  });
});
