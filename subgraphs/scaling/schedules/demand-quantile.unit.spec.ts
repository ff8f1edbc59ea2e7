import { demandAtQuantile, normalQuantile } from './demand-quantile';

describe('demand at a quantile', () => {
  it('knows the normal quantiles', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536, 6);
    expect(normalQuantile(0.999)).toBeCloseTo(3.0902323, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263479, 6);
  });

  it('given a 90 % interval, then the 0.95 quantile is its upper bound, the median its expected value, and 0.99 lies beyond', () => {
    const point = { time: '2026-12-03T12:00:00.000Z', expected: 100, lower: 80, upper: 130 };
    expect(demandAtQuantile(point, 0.95, 0.9)).toBeCloseTo(130, 9);
    expect(demandAtQuantile(point, 0.5, 0.9)).toBe(100);
    expect(demandAtQuantile(point, 0.99, 0.9)).toBeCloseTo(100 + 30 * (2.3263479 / 1.6448536), 4);
    expect(demandAtQuantile({ ...point, expected: -5, upper: -1 }, 0.5, 0.9)).toBe(0);
  });
});
