import { RuleAbidingRepair } from './rule-abiding-repair';
import { ruleBreach, type ScheduleProblem } from './schedule-problem';
import { randomInteger, seededRandom } from './seeded-random';
import { randomProblem } from './test-support/random-problem';

describe('the rule-abiding repair', () => {
  it('given any wished-for capacities, when repaired, then the schedule keeps every bound, step and hold', () => {
    const random = seededRandom(4);
    let repaired = 0;
    for (let round = 0; round < 200; round++) {
      const problem = randomProblem(random, 6, 4);
      if (problem === undefined) continue;
      const wished = Array.from({ length: problem.hours }, () => randomInteger(random, -2, 7));
      expect(ruleBreach(problem, new RuleAbidingRepair(problem).repair(wished))).toBeUndefined();
      repaired++;
    }
    expect(repaired).toBeGreaterThan(100);
  });

  it('given a step limit ahead of a rising minimum, when the wish stays low, then the repair climbs early enough to meet it', () => {
    const problem: ScheduleProblem = {
      hours: 4,
      required: [0, 0, 0, 0],
      minCapacity: [0, 0, 0, 6],
      maxCapacity: [9, 9, 9, 9],
      maxStepChange: 2,
      minHoldHours: 1,
      unitCostPerHour: 1,
      costPerAction: 0,
      costLimit: Infinity,
      initialCapacity: 0,
      initialHeldHours: 1,
    };
    expect(new RuleAbidingRepair(problem).repair([0, 0, 0, 0])).toEqual([0, 2, 4, 6]);
  });

  it('given a rule-abiding wish, when repaired, then it is returned unchanged', () => {
    const random = seededRandom(8);
    for (let round = 0; round < 100; round++) {
      const problem = randomProblem(random, 6, 4);
      if (problem === undefined) continue;
      const rebuilt = new RuleAbidingRepair(problem).repair(problem.required.map(() => randomInteger(random, 0, 3)));
      expect(new RuleAbidingRepair(problem).repair(rebuilt)).toEqual(rebuilt);
    }
  });
});
