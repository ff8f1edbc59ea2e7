import { adaptiveCoverage, holdoutCoverage, MAX_LEVEL } from './adaptive-coverage';
import { ConformalCalibration } from './conformal-intervals';
import { coverageOf, pointsWithNoise } from './test-support/backtest-points';

const ORIGINS = 112;
const LEADS = 24;
const END = 6 * ORIGINS;
/** Only the points whose hour has passed by the forecast's origin, as the backtest gives them. */
const known = <P extends { target: number }>(points: readonly P[]) => points.filter((point) => point.target < END);

describe('the adaptive conformal level', () => {
  it('stays near the coverage asked for while the errors keep one law', () => {
    const steady = known(pointsWithNoise({ origins: ORIGINS, leads: LEADS, noise: () => 0.05, seed: 1 }));

    const level = adaptiveCoverage(steady, 0.9, END);

    expect(level).toBeGreaterThanOrEqual(0.9);
    expect(level).toBeLessThan(0.94);
  });

  it('rises after an incident triples the errors, and so covers the new errors better than plain split conformal', () => {
    const incident = (target: number) => (target >= END - 4 * 24 ? 0.15 : 0.05);
    const points = known(pointsWithNoise({ origins: ORIGINS, leads: LEADS, noise: incident, seed: 2 }));
    const next = pointsWithNoise({ origins: 200, leads: LEADS, firstOrigin: END, noise: () => 0.15, seed: 3 });

    const level = adaptiveCoverage(points, 0.9, END);
    const adaptive = ConformalCalibration.fit(points, level);
    const plain = ConformalCalibration.fit(points, 0.9);

    expect(level).toBeGreaterThan(0.95);
    expect(level).toBeLessThanOrEqual(MAX_LEVEL);
    expect(coverageOf(next, (p) => adaptive.covers(p))).toBeGreaterThan(coverageOf(next, (p) => plain.covers(p)) + 0.05);
  });

  it('never falls below the coverage asked for, even when the errors shrink', () => {
    const calming = (target: number) => (target >= END / 2 ? 0.01 : 0.1);

    expect(adaptiveCoverage(known(pointsWithNoise({ origins: ORIGINS, leads: LEADS, noise: calming, seed: 4 })), 0.9, END)).toBe(0.9);
  });
});

describe('the holdout coverage', () => {
  it('measures the last week against intervals calibrated on the weeks before it', () => {
    const steady = known(pointsWithNoise({ origins: ORIGINS, leads: LEADS, noise: () => 0.05, seed: 5 }));

    const coverage = holdoutCoverage(steady, END - 168, 0.9)!;

    expect(coverage).toBeGreaterThan(0.85);
    expect(coverage).toBeLessThan(0.95);
  });

  it('is null when nothing was known before the holdout', () => {
    expect(holdoutCoverage(known(pointsWithNoise({ origins: 4, leads: LEADS, firstOrigin: END - 24, noise: () => 0.05, seed: 6 })), END - 168, 0.9)).toBeNull();
  });
});
