import { RuleAbidingRepair } from './rule-abiding-repair';
import { cheapestWithinCostLimit } from './rule-conflict';
import { compareOutcomes, outcomeOf, withinCostLimit, type ScheduleOutcome, type ScheduleProblem } from './schedule-problem';
import { randomInteger, seededRandom } from './seeded-random';
import type { SolvedSchedule } from './solved-schedule';

export interface GeneticSettings {
  readonly populationSize: number;
  readonly generations: number;
  /** Stop early after this many generations without a better schedule. */
  readonly stallGenerations: number;
  readonly tournamentSize: number;
  readonly crossoverRate: number;
  /** Schedules copied unchanged into the next generation, so the best is never lost. */
  readonly elite: number;
}

export const DEFAULT_GENETIC_SETTINGS: GeneticSettings = {
  populationSize: 60,
  generations: 300,
  stallGenerations: 80,
  tournamentSize: 3,
  crossoverRate: 0.9,
  elite: 2,
};

/**
 * A genetic search for the same objective as the exact DP (least shortfall within every rule and
 * the cost limit, then least cost): tournament selection, two-point crossover (an hourly schedule's
 * good parts are runs of hours), mutations that move one hour, shift a run of hours or flatten it
 * (flattening removes actions and is how the search learns to respect a cost per action), and a
 * repair after every change so each individual keeps the bounds, the step and the hold.
 *
 * The policy checks use the exact DP (cheapestWithinCostLimit), so a conflicting policy is refused
 * as the exact path refuses it; the cheapest schedule they yield joins the first generation, so the
 * search always holds one within the limit.
 */
export function geneticSchedule(problem: ScheduleProblem, seed: number, settings: GeneticSettings = DEFAULT_GENETIC_SETTINGS): SolvedSchedule {
  const cheapest = cheapestWithinCostLimit(problem);
  const random = seededRandom(seed);
  const repair = new RuleAbidingRepair(problem);
  const individual = (wished: ArrayLike<number>): Individual => scored(problem, repair.repair(wished));
  let population: Individual[] = [
    scored(problem, cheapest),
    individual(problem.required),
    individual(problem.maxCapacity),
    individual(problem.minCapacity),
  ];
  while (population.length < settings.populationSize) {
    const spread = random() * 0.5;
    population.push(individual(problem.required.map((units, t) => units * (1 + spread * (2 * random() - 1)) + (problem.maxCapacity[t] - problem.minCapacity[t]) * 0.05 * (2 * random() - 1))));
  }
  population.sort(fitter);

  let stalled = 0;
  for (let generation = 0; generation < settings.generations && stalled < settings.stallGenerations; generation++) {
    const next = population.slice(0, settings.elite);
    while (next.length < settings.populationSize) {
      const mother = tournament(population, settings.tournamentSize, random);
      const father = tournament(population, settings.tournamentSize, random);
      const child = random() < settings.crossoverRate ? twoPointCrossover(mother.capacities, father.capacities, random) : [...mother.capacities];
      mutate(problem, child, random);
      next.push(individual(child));
    }
    next.sort(fitter);
    stalled = fitter(next[0], population[0]) < 0 ? 0 : stalled + 1;
    population = next;
  }
  return { capacities: population[0].capacities, optimality: { kind: 'HEURISTIC' } };
}

interface Individual extends ScheduleOutcome {
  /** Cost above the limit; 0 within it. Ranked before everything else so the best fits the limit. */
  readonly overLimit: number;
}

function scored(problem: ScheduleProblem, capacities: number[]): Individual {
  const outcome = outcomeOf(problem, capacities);
  return { ...outcome, overLimit: withinCostLimit(problem, outcome.cost) ? 0 : outcome.cost - problem.costLimit };
}

function fitter(a: Individual, b: Individual): number {
  return a.overLimit !== b.overLimit ? a.overLimit - b.overLimit : compareOutcomes(a, b);
}

function tournament(population: readonly Individual[], size: number, random: () => number): Individual {
  let best = population[randomInteger(random, 0, population.length - 1)];
  for (let round = 1; round < size; round++) {
    const rival = population[randomInteger(random, 0, population.length - 1)];
    if (fitter(rival, best) < 0) best = rival;
  }
  return best;
}

function twoPointCrossover(mother: readonly number[], father: readonly number[], random: () => number): number[] {
  const from = randomInteger(random, 0, mother.length - 1);
  const to = randomInteger(random, from, mother.length);
  return mother.map((capacity, t) => (t >= from && t < to ? father[t] : capacity));
}

/** One to three random edits; the repair afterwards puts the schedule back within the rules. */
function mutate(problem: ScheduleProblem, capacities: number[], random: () => number): void {
  const edits = randomInteger(random, 1, 3);
  for (let edit = 0; edit < edits; edit++) {
    const from = randomInteger(random, 0, problem.hours - 1);
    const to = Math.min(problem.hours, from + randomInteger(random, 1, Math.max(1, Math.ceil(problem.hours / 4))));
    const kind = random();
    if (kind < 0.3) {
      capacities[from] = randomInteger(random, problem.minCapacity[from], problem.maxCapacity[from]);
    } else if (kind < 0.6) {
      const shift = random() < 0.5 ? -1 : 1;
      for (let t = from; t < to; t++) capacities[t] += shift;
    } else if (kind < 0.85) {
      const level = Math.max(...capacities.slice(from, to));
      for (let t = from; t < to; t++) capacities[t] = level;
    } else {
      for (let t = from; t < to; t++) capacities[t] = Math.max(problem.required[t], problem.minCapacity[t]);
    }
  }
}
