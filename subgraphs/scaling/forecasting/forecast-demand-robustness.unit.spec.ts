import { forecastDemand } from './forecast-demand';
import { businessDemand, hourly } from './test-support/synthetic-demand';

const wape = (actual: readonly number[], expected: readonly number[]) => actual.reduce((sum, a, i) => sum + Math.abs(a - expected[i]), 0) / actual.reduce((sum, a) => sum + a, 0);

describe('forecastDemand on imperfect histories', () => {
  it('forecasts through gaps: a missing half-day and scattered missing hours are filled, never scored, and reported', () => {
    const demand = businessDemand({ hours: 3 * 168 + 24, noise: 0.02, seed: 5 });
    const withGaps: (number | null)[] = demand.slice(0, 3 * 168);
    for (let t = 400; t < 412; t++) withGaps[t] = null;
    for (const t of [30, 170, 333, 480, 500]) withGaps[t] = null;

    const forecast = forecastDemand(hourly(withGaps), { horizonHours: 24, includeBusinessCycles: true });

    expect(forecast.points.every((point) => Number.isFinite(point.expected) && Number.isFinite(point.lower) && Number.isFinite(point.upper))).toBe(true);
    expect(wape(demand.slice(3 * 168), forecast.points.map((point) => point.expected))).toBeLessThan(0.06);
    expect(forecast.warnings).toContainEqual({ code: 'MISSING_HOURS_FILLED', message: expect.stringMatching(/^1[0-9] of the/) });
  });

  it('follows a level shift: two days after demand doubled, the forecast is at the new level', () => {
    const demand = businessDemand({ hours: 12 * 24 + 24, weekendShare: 1, noise: 0.02, seed: 6 }).map((value, t) => (t >= 10 * 24 ? 2 * value : value));

    const forecast = forecastDemand(hourly(demand.slice(0, 12 * 24)), { horizonHours: 24, includeBusinessCycles: false });

    expect(wape(demand.slice(12 * 24), forecast.points.map((point) => point.expected))).toBeLessThan(0.08);
  });
});
