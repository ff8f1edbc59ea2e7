/**
 * The constrained problem families of bench:evolution: each instance is generated from a seed
 * (so it is reproducible) at a size where its optimum is known exactly, by a solver of its own
 * that never looks at the QUBO (dynamic programming, the Hungarian method, exhaustive search).
 */
import { Xoshiro128 } from '../../subgraphs/optimization/engine/prng';
import type { Constraint, QuboModel } from '../../subgraphs/optimization/model';

export type FamilyName = 'knapsack' | 'assignment' | 'portfolio' | 'colouring';

/**
 * The exact optimum of an instance, in both conventions:
 * - `objective`: the model's own minimisation objective (`QuboModel.energy` of the user variables,
 *   what `evaluateSolution(...).objective` reports; the QUBO energy of a feasible assignment,
 *   whose penalties are all zero);
 * - `sourceObjective`: the problem's own terms (`QuboModel.toSourceObjective`): the packed value
 *   for knapsack (maximised), the cost for assignment and colouring, λ·risk − return for the
 *   portfolio (all three minimised).
 * `assignment` is one optimal 0/1 assignment of the model's variables, in model order.
 */
export interface ExactOptimum {
  readonly objective: number;
  readonly sourceObjective: number;
  readonly assignment: readonly number[];
}

export interface FamilyInstance {
  readonly family: FamilyName;
  /** `<family>-<size>-s<seed>`, e.g. knapsack-n40-s1001. */
  readonly name: string;
  readonly seed: number;
  /** The objective alone; the constraints are compiled onto it with their weights. */
  readonly model: QuboModel;
  /** As the template made them; their `penaltyWeight` is replaced by a weight provider. */
  readonly constraints: readonly Constraint[];
  readonly optimum: ExactOptimum;
  /** Variables of the model (slack variables of inequality constraints not counted). */
  readonly n: number;
}

export interface ProblemFamily<Size = unknown> {
  readonly family: FamilyName;
  /** One line on the formulation, for the report. */
  readonly formulation: string;
  readonly size: Size;
  readonly generate: (seed: number) => FamilyInstance;
}

/** The benches' source of randomness: the engine's xoshiro128**, so a seed means the same everywhere. */
export class SeededRandom {
  private readonly rng: Xoshiro128;

  constructor(seed: number) {
    this.rng = new Xoshiro128(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.rng.nextFloat();
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + this.rng.nextInt(max - min + 1);
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

/** The optimum in both conventions from one optimal assignment, checked against the solver's own value. */
export function optimumOf(model: QuboModel, assignment: readonly number[], expectedSourceObjective: number, family: FamilyName): ExactOptimum {
  const objective = model.energy(assignment);
  const sourceObjective = model.toSourceObjective(objective);
  const tolerance = 1e-9 * Math.max(1, Math.abs(expectedSourceObjective));
  if (Math.abs(sourceObjective - expectedSourceObjective) > tolerance) {
    throw new Error(`${family}: the exact solver's optimum ${expectedSourceObjective} disagrees with the model's value ${sourceObjective} of its assignment`);
  }
  return { objective, sourceObjective, assignment };
}

/**
 * Relative optimality gap in %, ≥ 0 for any feasible solution: how much worse than the optimum,
 * in the model's minimisation terms, relative to |optimum| (every family keeps its optimum well
 * away from 0).
 */
export function optimalityGapPercent(objective: number, optimum: ExactOptimum): number {
  return (100 * (objective - optimum.objective)) / Math.max(Math.abs(optimum.objective), 1e-12);
}
