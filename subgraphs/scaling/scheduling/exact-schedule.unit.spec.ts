import { DomainError } from '../../../platform/commands/decider';
import { exactSchedule } from './exact-schedule';
import { ruleBreach, scheduleCost, scheduleShortfall, withinCostLimit, type ScheduleProblem } from './schedule-problem';
import { seededRandom } from './seeded-random';
import { bruteForceOptimum } from './test-support/brute-force-schedule';
import { randomProblem } from './test-support/random-problem';

function problemOf(given: Partial<ScheduleProblem> & { required: number[] }): ScheduleProblem {
  const hours = given.required.length;
  return {
    hours,
    minCapacity: Array(hours).fill(0),
    maxCapacity: Array(hours).fill(10),
    maxStepChange: Infinity,
    minHoldHours: 1,
    unitCostPerHour: 1,
    costPerAction: 0,
    costLimit: Infinity,
    initialCapacity: 0,
    initialHeldHours: 1,
    ...given,
  };
}

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the exact capacity schedule', () => {
  it('given requirements within the bounds and no other rule, when optimised, then capacity follows the requirement, lifted to the minimum', () => {
    const problem = problemOf({ required: [2, 5, 3, 0], minCapacity: [1, 1, 1, 1], maxCapacity: [6, 6, 6, 6] });
    expect(exactSchedule(problem)).toEqual({ capacities: [2, 5, 3, 1], optimality: { kind: 'EXACT' } });
  });

  it('given a cost per action above the price of a dip, when optimised, then capacity is held through the dip', () => {
    // 4,2,4 costs 10 + two actions × 5 = 20; holding 4 costs 12.
    const problem = problemOf({ required: [4, 2, 4], initialCapacity: 4, costPerAction: 5 });
    expect(exactSchedule(problem).capacities).toEqual([4, 4, 4]);
    expect(exactSchedule({ ...problem, costPerAction: 0.5 }).capacities).toEqual([4, 2, 4]);
  });

  it('given a three-hour hold, when a one-hour peak comes, then the peak capacity is bought for three hours', () => {
    const problem = problemOf({ required: [1, 5, 1, 1, 1], initialCapacity: 1, minHoldHours: 3, initialHeldHours: 3 });
    const { capacities } = exactSchedule(problem);
    // [1,5,5,5,1] and [5,5,5,1,1] tie: both cover every hour with one three-hour block of 5.
    expect(capacities.filter((capacity) => capacity === 5)).toHaveLength(3);
    expect(scheduleShortfall(problem, capacities)).toBe(0);
    expect(scheduleCost(problem, capacities)).toBe(17);
  });

  it('given a hold still running from before the horizon, when the first hour needs more, then the change waits for the hold to end', () => {
    const problem = problemOf({ required: [5, 5, 5], initialCapacity: 1, minHoldHours: 3, initialHeldHours: 2 });
    expect(exactSchedule(problem).capacities).toEqual([1, 5, 5]);
  });

  it('given a hold longer than the horizon that began two days ago, when the level must rise, then it rises once the hold ends and stays', () => {
    const problem = problemOf({ required: [5, 5, 5, 5], initialCapacity: 1, minHoldHours: 50, initialHeldHours: 48 });
    expect(exactSchedule(problem).capacities).toEqual([1, 1, 5, 5]);
  });

  it('given a step limit, when a peak comes, then capacity ramps up ahead of it', () => {
    const problem = problemOf({ required: [0, 0, 6, 0], maxStepChange: 2 });
    expect(exactSchedule(problem).capacities).toEqual([2, 4, 6, 4]);
  });

  it('given a requirement above the maximum, when optimised, then the hour gets the maximum and the rest is left short', () => {
    const problem = problemOf({ required: [3, 12, 3], maxCapacity: [10, 10, 10] });
    expect(exactSchedule(problem).capacities).toEqual([3, 10, 3]);
  });

  it('given a cost limit below full cover, when optimised, then the shortfall is the least the limit allows and the limit is kept', () => {
    const problem = problemOf({ required: [3, 3, 3], costLimit: 7 });
    const { capacities } = exactSchedule(problem);
    expect(scheduleShortfall(problem, capacities)).toBe(2);
    expect(scheduleCost(problem, capacities)).toBe(7);
  });

  it('given rules whose step cannot reach the minimum, when optimised, then the policy conflict names maxStepChange', () => {
    const problem = problemOf({ required: [0, 0], minCapacity: [0, 8], maxStepChange: 3 });
    const error = refusal(() => exactSchedule(problem));
    expect(error.details).toEqual({ field: 'rules.maxStepChange', reason: 'SCALING_POLICY_CONFLICT' });
    expect(error.message).toContain('at hour 1');
  });

  it('given a hold that outlasts a falling maximum, when optimised, then the policy conflict names minHoldHours', () => {
    const problem = problemOf({ required: [0, 0, 0], initialCapacity: 5, minHoldHours: 3, initialHeldHours: 1, maxCapacity: [10, 2, 2] });
    expect(refusal(() => exactSchedule(problem)).details).toEqual({ field: 'rules.minHoldHours', reason: 'SCALING_POLICY_CONFLICT' });
  });

  it('given a cost limit below the cheapest rule-abiding schedule, when optimised, then the policy conflict names costLimit', () => {
    const problem = problemOf({ required: [5, 5], minCapacity: [2, 2], costLimit: 3 });
    const error = refusal(() => exactSchedule(problem));
    expect(error.details).toEqual({ field: 'rules.costLimit', reason: 'SCALING_POLICY_CONFLICT' });
    expect(error.message).toContain('costs 4');
  });

  it.each([
    [6, 4],
    [5, 5],
    [8, 3],
  ])('given random %i-hour, %i-level problems with every rule, when optimised, then the schedule matches the brute-force optimum', (hours, levels) => {
    const random = seededRandom(11 * hours + levels);
    let checked = 0;
    let limitBinding = 0;
    for (let round = 0; round < 150; round++) {
      const problem = randomProblem(random, hours, levels);
      if (problem === undefined) continue;
      const optimum = bruteForceOptimum(problem);
      if (optimum === undefined) {
        expect(() => exactSchedule(problem)).toThrow(DomainError);
        continue;
      }
      const { capacities, optimality } = exactSchedule(problem);
      expect(optimality).toEqual({ kind: 'EXACT' });
      expect(ruleBreach(problem, capacities)).toBeUndefined();
      expect(withinCostLimit(problem, scheduleCost(problem, capacities))).toBe(true);
      expect(scheduleShortfall(problem, capacities)).toBe(optimum.shortfall);
      expect(scheduleCost(problem, capacities)).toBeCloseTo(optimum.cost, 9);
      if (optimum.shortfall > 0 && problem.costLimit < Infinity) limitBinding++;
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(limitBinding).toBeGreaterThan(20);
  });

  it('given a binding cost limit and no room for the budgeted table, when optimised, then the bracket schedule is returned with a true lower bound', () => {
    const random = seededRandom(5);
    let bounded = 0;
    for (let round = 0; round < 300; round++) {
      const problem = randomProblem(random, 6, 4);
      const optimum = problem && bruteForceOptimum(problem);
      if (problem === undefined || optimum === undefined) continue;
      const solved = exactSchedule(problem, { cells: 0, ringCells: 0 });
      if (solved.optimality.kind !== 'BUDGET_BOUNDED') continue;
      bounded++;
      expect(ruleBreach(problem, solved.capacities)).toBeUndefined();
      expect(withinCostLimit(problem, scheduleCost(problem, solved.capacities))).toBe(true);
      expect(solved.optimality.shortfallLowerBound).toBeLessThanOrEqual(optimum.shortfall);
      expect(scheduleShortfall(problem, solved.capacities)).toBeGreaterThan(optimum.shortfall - 1);
    }
    expect(bounded).toBeGreaterThan(0);
  });
});
