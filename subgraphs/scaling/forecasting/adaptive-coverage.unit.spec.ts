import { MAX_LEVEL, replayConformal } from './adaptive-coverage';
import { ConformalCalibration } from './conformal-intervals';
import { coverageOf, pointsWithNoise } from './test-support/backtest-points';

const ORIGINS = 112;
const LEADS = 24;
const END = 6 * ORIGINS;
const LAST_WEEK = END - 168;
/** Only the points whose hour has passed by the forecast's origin, as the backtest gives them. */
const known = <P extends { target: number }>(points: readonly P[]) => points.filter((point) => point.target < END);

describe('the adaptive conformal replay', () => {
  it('keeps the level near the coverage asked for while the errors keep one law, and its intervals held about that', () => {
    const steady = known(pointsWithNoise({ origins: ORIGINS, leads: LEADS, noise: () => 0.05, seed: 1 }));

    const replay = replayConformal(steady, 0.9, END, LAST_WEEK);

    expect(replay.level).toBeGreaterThanOrEqual(0.9);
    expect(replay.level).toBeLessThan(0.94);
    expect(replay.replayedCoverage).toBeGreaterThan(0.85);
    expect(replay.replayedCoverage).toBeLessThan(0.96);
  });

  it('raises the level after an incident triples the errors, and so covers the new errors better than plain split conformal', () => {
    const incident = (target: number) => (target >= END - 4 * 24 ? 0.15 : 0.05);
    const points = known(pointsWithNoise({ origins: ORIGINS, leads: LEADS, noise: incident, seed: 2 }));
    const next = pointsWithNoise({ origins: 200, leads: LEADS, firstOrigin: END, noise: () => 0.15, seed: 3 });

    const { level } = replayConformal(points, 0.9, END, LAST_WEEK);
    const adaptive = ConformalCalibration.fit(points, level);
    const plain = ConformalCalibration.fit(points, 0.9);

    expect(level).toBeGreaterThan(0.95);
    expect(level).toBeLessThanOrEqual(MAX_LEVEL);
    expect(coverageOf(next, (p) => adaptive.covers(p))).toBeGreaterThan(coverageOf(next, (p) => plain.covers(p)) + 0.05);
  });

  it('never lowers the level below the coverage asked for, even when the errors shrink', () => {
    const calming = (target: number) => (target >= END / 2 ? 0.01 : 0.1);

    expect(replayConformal(known(pointsWithNoise({ origins: ORIGINS, leads: LEADS, noise: calming, seed: 4 })), 0.9, END, LAST_WEEK).level).toBe(0.9);
  });

  it('has no replayed coverage when no origin could be calibrated on hours before it', () => {
    const twoOrigins = known(pointsWithNoise({ origins: 2, leads: LEADS, firstOrigin: END - 12, noise: () => 0.05, seed: 6 }));

    expect(replayConformal(twoOrigins, 0.9, END, LAST_WEEK)).toEqual({ level: 0.9, replayedCoverage: null });
  });
});
