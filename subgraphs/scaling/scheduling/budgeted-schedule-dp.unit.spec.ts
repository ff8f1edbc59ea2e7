import { leastShortfallWithinBudget } from './budgeted-schedule-dp';
import { bestRankedSchedule, COST_THEN_SHORTFALL } from './ranked-schedule-dp';
import { ruleBreach, scheduleCost, scheduleShortfall, withinCostLimit } from './schedule-problem';
import { seededRandom } from './seeded-random';
import { bruteForceOptimum } from './test-support/brute-force-schedule';
import { randomProblem } from './test-support/random-problem';

describe('the budgeted schedule DP', () => {
  it('given random tiny problems under a cost limit, when solved from the cheapest schedule\'s shortfall, then it finds the brute-force optimum, with or without pruning at any price', () => {
    const random = seededRandom(23);
    let checked = 0;
    for (let round = 0; round < 300 && checked < 120; round++) {
      const problem = randomProblem(random, 6, 4);
      const cheapest = problem && bestRankedSchedule(problem, COST_THEN_SHORTFALL);
      if (problem === undefined || cheapest === undefined || problem.costLimit === Infinity) continue;
      const optimum = bruteForceOptimum(problem);
      if (optimum === undefined) continue;
      const shortfallBound = scheduleShortfall(problem, cheapest);
      for (const pruningPrices of [[], [random() * 4], [0, random() * 10, 1e6]]) {
        const capacities = leastShortfallWithinBudget(problem, { shortfallBound, pruningPrices });
        expect(capacities).toBeDefined();
        expect(ruleBreach(problem, capacities!)).toBeUndefined();
        expect(withinCostLimit(problem, scheduleCost(problem, capacities!))).toBe(true);
        expect(scheduleShortfall(problem, capacities!)).toBe(optimum.shortfall);
        expect(scheduleCost(problem, capacities!)).toBeCloseTo(optimum.cost, 9);
      }
      checked++;
    }
    expect(checked).toBe(120);
  });

  it('given a table larger than its limits, when asked, then it declines instead of allocating it', () => {
    const problem = randomProblem(seededRandom(3), 6, 4)!;
    expect(leastShortfallWithinBudget(problem, { shortfallBound: 10, limits: { cells: 10, ringCells: 10 } })).toBeUndefined();
  });
});
