import { bestRankedSchedule, SHORTFALL_THEN_COST } from './ranked-schedule-dp';
import { ruleBreach, scheduleCost, scheduleShortfall, withinCostLimit, type ScheduleProblem } from './schedule-problem';
import { seededRandom } from './seeded-random';
import { randomProblem } from './test-support/random-problem';
import { trimToCostLimit } from './trim-to-cost-limit';

describe('trimming a schedule to the cost limit', () => {
  it('given a cost per unit-hour and nothing else, when trimmed, then each unit-hour saved costs one short and the limit is met without overshoot', () => {
    const problem: ScheduleProblem = {
      hours: 4,
      required: [5, 7, 7, 3],
      minCapacity: [0, 0, 0, 0],
      maxCapacity: [9, 9, 9, 9],
      maxStepChange: Infinity,
      minHoldHours: 1,
      unitCostPerHour: 1,
      costPerAction: 0,
      costLimit: 17.5,
      initialCapacity: 5,
      initialHeldHours: 1,
    };
    const trimmed = trimToCostLimit(problem, [5, 7, 7, 3])!;
    expect(scheduleCost(problem, trimmed)).toBe(17);
    expect(scheduleShortfall(problem, trimmed)).toBe(5);
  });

  it('given random problems and their least-shortfall schedule over the limit, when trimmed, then the result keeps every rule and the limit, or there is none', () => {
    const random = seededRandom(19);
    let trimmed = 0;
    for (let round = 0; round < 200; round++) {
      const problem = randomProblem(random, 6, 4);
      const start = problem && bestRankedSchedule(problem, SHORTFALL_THEN_COST);
      if (problem === undefined || start === undefined || withinCostLimit(problem, scheduleCost(problem, start))) continue;
      const result = trimToCostLimit(problem, start);
      if (result === undefined) continue;
      expect(ruleBreach(problem, result)).toBeUndefined();
      expect(withinCostLimit(problem, scheduleCost(problem, result))).toBe(true);
      trimmed++;
    }
    expect(trimmed).toBeGreaterThan(30);
  });
});
