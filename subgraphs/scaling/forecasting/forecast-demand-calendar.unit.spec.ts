import type { CalendarException } from './calendar';
import { forecastDemand } from './forecast-demand';
import { MONDAY, businessDemand, hourly } from './test-support/synthetic-demand';

const hour = (h: number) => new Date(MONDAY.getTime() + h * 3_600_000);
const wape = (actual: readonly number[], expected: readonly number[]) => actual.reduce((sum, a, i) => sum + Math.abs(a - expected[i]), 0) / actual.reduce((sum, a) => sum + a, 0);

/** Three weeks of business demand whose third Monday (hours 336–359) was a holiday at a fifth of the usual demand; then the fourth Monday. */
const usual = businessDemand({ hours: 4 * 168, noise: 0.02, seed: 9 });
const history = usual.slice(0, 3 * 168).map((value, t) => (t >= 336 && t < 360 ? 0.2 * value : value));
const nextMonday = usual.slice(3 * 168, 3 * 168 + 24);
const pastHoliday: CalendarException = { start: hour(336), end: hour(360), kind: 'HOLIDAY' };
const options = { horizonHours: 24, includeBusinessCycles: true };

describe('forecastDemand with a calendar of exceptions', () => {
  const plain = forecastDemand(hourly(history), options);
  const withHoliday = forecastDemand(hourly(history), { ...options, calendar: [pastHoliday] });

  it('keeps a past holiday out of training and scoring, so the next ordinary Monday is forecast as usual', () => {
    expect(wape(nextMonday, withHoliday.points.map((p) => p.expected))).toBeLessThan(0.06);
    expect(wape(nextMonday, withHoliday.points.map((p) => p.expected))).toBeLessThan(wape(nextMonday, plain.points.map((p) => p.expected)));
    expect(withHoliday.backtest.models[0].points).toBeLessThan(plain.backtest.models[0].points);
  });

  it('learns a holiday’s factor from past holidays, and applies it to a coming holiday that gives none', () => {
    const comingHoliday: CalendarException = { start: hour(3 * 168), end: hour(3 * 168 + 12), kind: 'HOLIDAY' };

    const forecast = forecastDemand(hourly(history), { ...options, calendar: [pastHoliday, comingHoliday] });

    expect(forecast.calendarFactors.HOLIDAY.fromHours).toBe(24);
    expect(forecast.calendarFactors.HOLIDAY.factor).toBeCloseTo(0.2, 2);
    const factor = forecast.calendarFactors.HOLIDAY.factor;
    forecast.points.forEach((point, i) => expect(point.expected).toBeCloseTo(withHoliday.points[i].expected * (i < 12 ? factor : 1), 6));
  });

  it('multiplies a planned peak’s hours, intervals included, by its factor', () => {
    const peak: CalendarException = { start: hour(3 * 168 + 9), end: hour(3 * 168 + 12), kind: 'PLANNED_PEAK', factor: 3 };

    const forecast = forecastDemand(hourly(history), { ...options, calendar: [pastHoliday, peak] });

    forecast.points.forEach((point, i) => {
      const factor = i >= 9 && i < 12 ? 3 : 1;
      expect([point.expected, point.lower, point.upper]).toEqual([withHoliday.points[i].expected * factor, withHoliday.points[i].lower * factor, withHoliday.points[i].upper * factor].map((value) => expect.closeTo(value, 6)));
    });
  });

  it('forecasts an exception with no factor and no past one of its kind as usual, and warns', () => {
    const peak: CalendarException = { start: hour(3 * 168 + 9), end: hour(3 * 168 + 12), kind: 'PLANNED_PEAK' };

    const forecast = forecastDemand(hourly(history), { ...options, calendar: [pastHoliday, peak] });

    expect(forecast.points.map((p) => p.expected)).toEqual(withHoliday.points.map((p) => p.expected));
    expect(forecast.warnings.map((warning) => warning.code)).toContain('CALENDAR_FACTOR_ASSUMED');
  });
});
