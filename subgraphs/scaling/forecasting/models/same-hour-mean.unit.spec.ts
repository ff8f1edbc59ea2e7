import { sameHourMean } from './same-hour-mean';

/** Three days whose hour h is worth (day + 1) × 10 + h. */
const threeDays = Array.from({ length: 72 }, (_, t) => (Math.floor(t / 24) + 1) * 10 + (t % 24));

describe('same-hour mean', () => {
  it('averages the same hour of the last cycles', () => {
    const { forecast } = sameHourMean({ cycleHours: 24, cycles: 3, statistic: 'mean', levelHours: 0 }).fit(threeDays, 2);

    expect(forecast).toEqual([20, 21]);
  });

  it('takes the median, which one odd cycle cannot move', () => {
    const withIncident = threeDays.map((value, t) => (t === 24 ? 1000 : value));

    const median = sameHourMean({ cycleHours: 24, cycles: 3, statistic: 'median', levelHours: 0 }).fit(withIncident, 1);
    const mean = sameHourMean({ cycleHours: 24, cycles: 3, statistic: 'mean', levelHours: 0 }).fit(withIncident, 1);

    expect(median.forecast).toEqual([30]);
    expect(mean.forecast[0]).toBeCloseTo(1040 / 3, 9);
  });

  it('uses fewer cycles while the history is shorter, and for leads past a cycle only the cycles before the origin', () => {
    const { forecast } = sameHourMean({ cycleHours: 24, cycles: 3, statistic: 'mean', levelHours: 0 }).fit(threeDays.slice(0, 48), 26);

    // Lead 0 (hour 48): days 1 and 0 (20, 10). Lead 24 (hour 72): day 2 is not known yet, so days 1 and 0 again.
    expect([forecast[0], forecast[24], forecast[25]]).toEqual([15, 15, 16]);
  });

  it('rescales the profile to the level of the last hours, so a level shift is followed at once', () => {
    const sameEveryDay = Array.from({ length: 72 }, (_, t) => 10 + (t % 24));
    const doubledAtTheEnd = sameEveryDay.map((value, t) => (t >= 66 ? value * 2 : value));

    const adjusted = sameHourMean({ cycleHours: 24, cycles: 1, statistic: 'mean', levelHours: 6 }).fit(doubledAtTheEnd, 2);

    expect(adjusted.forecast).toEqual([20, 22]);
    expect(adjusted.fitted).toEqual({ levelRatio: 2 });
  });
});
