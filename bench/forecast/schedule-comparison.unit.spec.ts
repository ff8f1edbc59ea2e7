import { seededRandom } from '../../subgraphs/scaling/scheduling/seeded-random';
import { capacityUnitsFor, compareSchedules, formatScheduleComparison, type ScheduleComparisonInput } from './schedule-comparison';

// Monday 2024-01-01 00:00 UTC.
const START = new Date('2024-01-01T00:00:00Z');

/** A day-night cycle around 100 with ±5 % noise: the shape the optimiser should beat static peak on. */
function dailyDemand(hours: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: hours }, (_, t) => (100 + 60 * Math.sin((2 * Math.PI * t) / 24)) * (0.95 + 0.1 * random()));
}

/** What a calibrated forecaster's 95th percentile would be: the noiseless cycle plus 6 %. */
function quantileForecast(hours: number, offset: number, factor = 1.06): number[] {
  return Array.from({ length: hours }, (_, t) => (100 + 60 * Math.sin((2 * Math.PI * (t + offset)) / 24)) * factor);
}

describe('capacity units', () => {
  it('given demand and a unit size, when converted, then it is the fewest whole units that serve it, without float noise buying one more', () => {
    expect(capacityUnitsFor(25, 10)).toBe(3);
    expect(capacityUnitsFor(30, 10)).toBe(3);
    expect(capacityUnitsFor(0.6, 0.3)).toBe(2); // 0.6 / 0.3 is 2.0000000000000004
    expect(capacityUnitsFor(0, 10)).toBe(0);
    expect(capacityUnitsFor(-4, 10)).toBe(0);
  });
});

describe('the schedule comparison', () => {
  it('given a small window, when compared, then each policy is scored on the recorded demand with the same tariff', () => {
    const comparison = compareSchedules({
      start: START,
      history: [10, 20, 30],
      actual: [30, 10, 40, 20],
      coveredDemand: [30, 10, 40, 20],
      forecastHorizonHours: 4,
      replanEveryHours: 2,
      unitSize: 10,
      reactiveHeadroom: 0,
    });
    // Initial capacity: the last recorded hour, 30 → 3 units.
    expect(comparison.optimised).toMatchObject({ capacities: [3, 1, 4, 2], cost: 10, actions: 3, underProvisionedHours: 0, unmetDemand: 0 });
    // Static peak: the history's 30 → 3 units; 40 in hour 2 is 10 short.
    expect(comparison.staticPeak).toMatchObject({ capacities: [3, 3, 3, 3], cost: 12, actions: 0, underProvisionedHours: 1, unmetDemand: 10 });
    // Reactive: hour t gets the demand of hour t − 2 (observed, then a one-hour delay): 20, 30, 30, 10.
    expect(comparison.reactive).toMatchObject({ capacities: [2, 3, 3, 1], cost: 9, underProvisionedHours: 3, underProvisionedShare: 0.75, unmetDemand: 30 });
    expect(comparison.reactive.unmetDemandShare).toBeCloseTo(30 / 100, 12);
    expect(comparison.targets.map((target) => target.met)).toEqual([false, true, false]);
  });

  it('given a daily cycle and a calibrated forecast quantile, when compared over two weeks, then every target of the issue is met', () => {
    const hours = 14 * 24;
    const comparison = compareSchedules({
      start: START,
      history: dailyDemand(7 * 24, 1),
      actual: dailyDemand(hours, 2),
      coveredDemand: quantileForecast(hours, 0),
      forecastHorizonHours: 48,
      rules: { costPerAction: 2, minHoldHours: 2 },
    });
    expect(comparison.savingVersusStaticPeak).toBeGreaterThanOrEqual(0.3);
    expect(comparison.optimised.underProvisionedShare).toBeLessThanOrEqual(0.01);
    expect(comparison.targets.every((target) => target.met)).toBe(true);
    expect(formatScheduleComparison(comparison)).toContain('MET    fewer under-provisioned hours than reactive');
  });

  it('given a forecast that runs 20 % low, when compared, then the under-provisioned target is missed and says by how much', () => {
    const hours = 7 * 24;
    const comparison = compareSchedules({
      start: START,
      history: dailyDemand(7 * 24, 3),
      actual: dailyDemand(hours, 4),
      coveredDemand: quantileForecast(hours, 0, 0.8),
      forecastHorizonHours: 24,
    });
    const share = comparison.targets.find((target) => target.target.startsWith('under-provisioned'))!;
    expect(share.met).toBe(false);
    expect(share.detail).toContain(`${comparison.optimised.underProvisionedHours} h`);
  });

  it('given a flat forecast, when planned, then the schedule follows the forecast and never the recorded demand it is scored on', () => {
    const hours = 48;
    const comparison = compareSchedules({
      start: START,
      history: [50],
      actual: dailyDemand(hours, 5),
      coveredDemand: Array(hours).fill(120),
      forecastHorizonHours: 24,
      unitSize: 10,
    });
    expect(new Set(comparison.optimised.capacities)).toEqual(new Set([12]));
  });

  it('given a step limit and a hold, when replanned every 6 h, then the carried-out schedule keeps them across plans', () => {
    const hours = 72;
    const rules = { maxStepChange: 8, minHoldHours: 3, costPerAction: 1 };
    const { capacities } = compareSchedules({ start: START, history: dailyDemand(48, 6), actual: dailyDemand(hours, 7), coveredDemand: quantileForecast(hours, 0), forecastHorizonHours: 24, rules }).optimised;
    let held = Infinity;
    capacities.forEach((capacity, t) => {
      if (t === 0 || capacity === capacities[t - 1]) {
        held++;
        return;
      }
      expect(Math.abs(capacity - capacities[t - 1])).toBeLessThanOrEqual(rules.maxStepChange);
      expect(held).toBeGreaterThanOrEqual(rules.minHoldHours);
      held = 1;
    });
  });

  it('given hours with no recorded demand, when compared, then they are paid for but not scored', () => {
    const comparison = compareSchedules({ start: START, history: [10, null], actual: [null, 50], coveredDemand: [10, 10], forecastHorizonHours: 2, replanEveryHours: 2, unitSize: 10 });
    expect(comparison.scoredHours).toBe(1);
    expect(comparison.optimised).toMatchObject({ cost: 2, underProvisionedHours: 1, underProvisionedShare: 1, unmetDemand: 40 });
  });

  it('given a replanning period longer than the horizon, when compared, then it is refused', () => {
    const input: ScheduleComparisonInput = { start: START, history: [1], actual: [1], coveredDemand: [1], forecastHorizonHours: 6, replanEveryHours: 12 };
    expect(() => compareSchedules(input)).toThrow('replanEveryHours');
  });
});
