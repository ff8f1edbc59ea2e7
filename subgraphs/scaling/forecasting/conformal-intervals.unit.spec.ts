import { ConformalCalibration, MIN_BUCKET_SCORES } from './conformal-intervals';
import { coverageOf, pointsWithNoise } from './test-support/backtest-points';

describe('split-conformal intervals', () => {
  it('cover 90% of new outcomes when calibrated on backtest errors of the same law (5% multiplicative noise)', () => {
    const calibrationPoints = pointsWithNoise({ origins: 112, leads: 24, noise: () => 0.05, seed: 1 });
    const newOutcomes = pointsWithNoise({ origins: 1000, leads: 24, firstOrigin: 10_000, noise: () => 0.05, seed: 2 });

    const calibration = ConformalCalibration.fit(calibrationPoints, 0.9);

    expect(coverageOf(newOutcomes, (point) => calibration.covers(point))).toBeGreaterThanOrEqual(0.88);
    expect(coverageOf(newOutcomes, (point) => calibration.covers(point))).toBeLessThanOrEqual(0.92);
    // The relative half-width is the noise's 95th percentile of |N(0, 1)|·5%: 1.645 × 5%.
    expect(calibration.quantileFor(0)).toBeCloseTo(1.645 * 0.05, 2);
  });

  it('widen with the lead when errors grow with it, and scale with the forecast', () => {
    const points = pointsWithNoise({ origins: 112, leads: 48, noise: () => 0.05, seed: 3 }).map((point) => ({ ...point, actual: point.forecast + (point.actual - point.forecast) * (1 + point.lead / 12) }));

    const calibration = ConformalCalibration.fit(points, 0.9);

    expect(calibration.quantileFor(40)).toBeGreaterThan(2 * calibration.quantileFor(2));
    const atPeak = calibration.interval(0, 150, 100);
    const atNight = calibration.interval(0, 50, 100);
    expect(atPeak.upper - atPeak.lower).toBeCloseTo(3 * (atNight.upper - atNight.lower), 6);
  });

  it('borrow from the pooled and shorter leads for a lead bucket the backtest has not seen enough of', () => {
    const shortLeadsOnly = pointsWithNoise({ origins: 20, leads: 6, noise: () => 0.05, seed: 4 });

    const calibration = ConformalCalibration.fit(shortLeadsOnly, 0.9);

    expect(shortLeadsOnly.length).toBeGreaterThanOrEqual(MIN_BUCKET_SCORES);
    expect(calibration.calibrated).toBe(true);
    expect(calibration.quantileFor(30)).toBe(calibration.quantileFor(0));
  });

  it('say they are uncalibrated when there are too few errors for the coverage, and fall back to the largest one', () => {
    const five = pointsWithNoise({ origins: 1, leads: 5, noise: () => 0.05, seed: 5 });

    const calibration = ConformalCalibration.fit(five, 0.9);

    expect(calibration.calibrated).toBe(false);
    expect(calibration.quantileFor(0)).toBe(Math.max(...five.map((p) => Math.abs(p.actual - p.forecast) / p.forecast)));
  });
});
