import type { Constraint, ModelLimits, QuboModel } from '../model';
import type { Strategy } from '../engine/solve-types';
import type { SolverPool } from '../engine/solver-pool';
import { solveProblem, type SolveProblemRequest } from '../solving/solve-problem';
import type { Evaluate, Evaluation, Weights } from './weight-search';

export interface ShadowSolves {
  readonly model: QuboModel;
  readonly constraints: readonly Constraint[];
  readonly limits: ModelLimits;
  readonly strategy: Strategy;
  readonly timeLimitMs: number;
  /** One solve per seed for each weight vector: the same seeds for every vector, so vectors are compared on equal terms. */
  readonly seeds: readonly number[];
  readonly workers: number;
  readonly pool?: SolverPool;
}

/** Runs one solve; the service wraps it in the process's solve gate, the benchmark calls the engine directly. */
export type Solve = (request: SolveProblemRequest) => ReturnType<typeof solveProblem>;

/**
 * Measures a weight vector by short solves of the problem with those weights ("shadow solves":
 * nothing is recorded as the tenant's solve), as the users' own solves would run it.
 */
export function shadowEvaluator(shadow: ShadowSolves, solve: Solve = solveProblem): Evaluate {
  return async (weights: Weights): Promise<Evaluation> => {
    const constraints = shadow.constraints.map((constraint) => ({ ...constraint, penaltyWeight: weights[constraint.id] ?? constraint.penaltyWeight }));
    const satisfied = new Map<string, number>(constraints.map((constraint) => [constraint.id, 0]));
    const feasibleObjectives: number[] = [];
    for (const seed of shadow.seeds) {
      const solution = await solve({
        model: shadow.model,
        constraints,
        limits: shadow.limits,
        strategy: shadow.strategy,
        timeLimitMs: shadow.timeLimitMs,
        seed,
        numSamples: 1,
        workers: shadow.workers,
        pool: shadow.pool,
      });
      const best = solution.samples[0];
      for (const result of best.constraints) if (result.satisfied) satisfied.set(result.id, (satisfied.get(result.id) ?? 0) + 1);
      if (best.feasible) feasibleObjectives.push(best.objective);
    }
    const solves = shadow.seeds.length;
    return {
      weights,
      feasibilityRates: Object.fromEntries([...satisfied].map(([id, count]) => [id, count / solves])),
      meanFeasibleObjective: feasibleObjectives.length > 0 ? feasibleObjectives.reduce((a, b) => a + b, 0) / feasibleObjectives.length : null,
      solves,
    };
  };
}
