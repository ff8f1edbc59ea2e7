import { exactSchedule } from './exact-schedule';
import { DEFAULT_GENETIC_SETTINGS, geneticSchedule } from './genetic-schedule';
import { compareOutcomes, ruleBreach, scheduleCost, scheduleShortfall, withinCostLimit, type ScheduleProblem } from './schedule-problem';
import { seededRandom } from './seeded-random';
import { randomProblem } from './test-support/random-problem';

const outcome = (problem: ScheduleProblem, capacities: number[]) => ({ shortfall: scheduleShortfall(problem, capacities), cost: scheduleCost(problem, capacities) });

describe('the genetic capacity schedule', () => {
  it('given random 7-hour problems with every rule, when searched, then each schedule keeps the rules and the limit, the exact optimum is never worse, and the search mostly matches it', () => {
    const random = seededRandom(31);
    let compared = 0;
    let matchedShortfall = 0;
    for (let round = 0; round < 60 && compared < 25; round++) {
      const problem = randomProblem(random, 7, 3);
      if (problem === undefined) continue;
      let exact: number[];
      try {
        exact = exactSchedule(problem).capacities;
      } catch {
        continue; // a conflicting policy: refused the same way by both, see the spec of the exact schedule
      }
      const genetic = geneticSchedule(problem, round);
      expect(genetic.optimality).toEqual({ kind: 'HEURISTIC' });
      expect(ruleBreach(problem, genetic.capacities)).toBeUndefined();
      expect(withinCostLimit(problem, scheduleCost(problem, genetic.capacities))).toBe(true);
      const [best, found] = [outcome(problem, exact), outcome(problem, genetic.capacities)];
      expect(compareOutcomes(best, found)).toBeLessThanOrEqual(1e-9);
      if (found.shortfall === best.shortfall) {
        matchedShortfall++;
        // The stated factor: when it reaches the least shortfall, it pays at most 10% more than the optimum.
        expect(found.cost).toBeLessThanOrEqual(best.cost * 1.1 + 1e-9);
      }
      compared++;
    }
    expect(compared).toBe(25);
    expect(matchedShortfall).toBeGreaterThanOrEqual(22);
  });

  it('given many random problems and a short search, when both algorithms run, then the exact schedule is never worse than the genetic one', () => {
    const random = seededRandom(47);
    const short = { ...DEFAULT_GENETIC_SETTINGS, populationSize: 12, generations: 15 };
    let compared = 0;
    for (let round = 0; round < 200; round++) {
      const problem = randomProblem(random, 6, 4);
      if (problem === undefined) continue;
      let exact: number[];
      try {
        exact = exactSchedule(problem).capacities;
      } catch {
        continue;
      }
      const genetic = geneticSchedule(problem, round, short).capacities;
      expect(ruleBreach(problem, genetic)).toBeUndefined();
      expect(compareOutcomes(outcome(problem, exact), outcome(problem, genetic))).toBeLessThanOrEqual(1e-9);
      compared++;
    }
    expect(compared).toBeGreaterThan(150);
  });

  it('given the same seed, when searched twice, then the schedules are the same', () => {
    const problem = randomProblem(seededRandom(9), 6, 4)!;
    expect(geneticSchedule(problem, 42).capacities).toEqual(geneticSchedule(problem, 42).capacities);
  });
});
