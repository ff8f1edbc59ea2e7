import { lagrangianBracket, tightAtSomePrice } from './lagrangian-bracket';
import { bestRankedSchedule, COST_THEN_SHORTFALL, SHORTFALL_THEN_COST } from './ranked-schedule-dp';
import { ruleBreach, scheduleCost, withinCostLimit, type ScheduleProblem } from './schedule-problem';
import { seededRandom } from './seeded-random';
import { bruteForceOptimum } from './test-support/brute-force-schedule';
import { randomProblem } from './test-support/random-problem';

describe('the Lagrangian bracket', () => {
  it('given random problems under a binding cost limit, when bracketed, then the lower bound never exceeds the optimum and the candidate keeps the rules and the limit', () => {
    const random = seededRandom(29);
    let bracketed = 0;
    for (let round = 0; round < 300; round++) {
      const problem = randomProblem(random, 6, 4);
      const cover = problem && bestRankedSchedule(problem, SHORTFALL_THEN_COST);
      const cheapest = problem && bestRankedSchedule(problem, COST_THEN_SHORTFALL);
      if (problem === undefined || cover === undefined || cheapest === undefined) continue;
      if (withinCostLimit(problem, scheduleCost(problem, cover)) || !withinCostLimit(problem, scheduleCost(problem, cheapest))) continue;
      const bracket = lagrangianBracket(problem, cheapest, cover);
      const optimum = bruteForceOptimum(problem)!;
      expect(bracket.shortfallLowerBound).toBeLessThanOrEqual(optimum.shortfall);
      expect(bracket.withinLimit.shortfall).toBeGreaterThanOrEqual(optimum.shortfall);
      expect(ruleBreach(problem, bracket.withinLimit.capacities)).toBeUndefined();
      expect(withinCostLimit(problem, bracket.withinLimit.cost)).toBe(true);
      expect(withinCostLimit(problem, bracket.aboveLimit.cost)).toBe(false);
      expect(tightAtSomePrice(bracket.withinLimit, bracket.prices)).toBe(true);
      bracketed++;
    }
    expect(bracketed).toBeGreaterThan(50);
  });

  it('given every unit-hour costing the same and no other rule, when bracketed, then the critical price is the unit cost and the bound is the exact shortfall', () => {
    const problem: ScheduleProblem = {
      hours: 3,
      required: [4, 6, 2],
      minCapacity: [0, 0, 0],
      maxCapacity: [9, 9, 9],
      maxStepChange: Infinity,
      minHoldHours: 1,
      unitCostPerHour: 2,
      costPerAction: 0,
      costLimit: 15,
      initialCapacity: 0,
      initialHeldHours: 1,
    };
    const bracket = lagrangianBracket(problem, bestRankedSchedule(problem, COST_THEN_SHORTFALL)!, bestRankedSchedule(problem, SHORTFALL_THEN_COST)!);
    // Full cover costs 24; 15 allows 7 unit-hours, so at least 5 of the 12 are short.
    expect(bracket.prices[bracket.prices.length - 1].price).toBeCloseTo(2, 12);
    expect(bracket.shortfallLowerBound).toBe(5);
  });
});
