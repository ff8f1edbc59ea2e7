import { SeriesScales, mase, wape, type BacktestPoint } from './accuracy';
import { prepareSeries } from './prepared-series';
import { hourly } from './test-support/synthetic-demand';

const point = (actual: number, forecast: number, naiveScale: number | null): BacktestPoint => ({ origin: 0, lead: 0, target: 0, actual, forecast, naiveScale, recentLevel: 1 });

describe('backtest accuracy', () => {
  it('WAPE is the share of demand missed; MASE the mean error over the daily naive’s in-sample error', () => {
    const points = [point(100, 90, 20), point(50, 60, 5), point(50, 50, null)];

    expect(wape(points)).toBeCloseTo(20 / 200, 12);
    expect(mase(points)).toBeCloseTo((10 / 20 + 10 / 5) / 2, 12);
    expect(wape([point(0, 1, 1)])).toBeNull();
  });

  it('scales from the recorded hours before an origin: the mean change from a day before, and the last week’s mean level', () => {
    const values: (number | null)[] = Array.from({ length: 72 }, (_, t) => (t < 24 ? 10 : t < 48 ? 14 : 20));
    values[50] = null;
    const scales = new SeriesScales(prepareSeries(hourly(values), { calendar: [], weeklyCycles: true })!);

    expect(scales.naive(24)).toBeNull();
    expect(scales.naive(48)).toBe(4);
    expect(scales.naive(72)).toBeCloseTo((24 * 4 + 23 * 6) / 47, 12);
    expect(scales.recentLevel(48)).toBe(12);
  });
});
