import type { SolverPool } from '../../subgraphs/optimization/engine/solver-pool';
import { DEFAULT_MODEL_LIMITS } from '../../subgraphs/optimization/model';
import { solveProblem } from '../../subgraphs/optimization/solving/solve-problem';
import { optimalityGapPercent, type FamilyInstance } from './family';
import { withWeights, type ConstraintWeights } from './weight-providers';

export interface SolveSettings {
  readonly timeLimitMs: number;
  /** The engine's master seed: the same for every method, so only the weights differ. */
  readonly seed: number;
  readonly numSamples: number;
  /** A pool of a fixed number of threads, shared by every solve of the run. */
  readonly pool: SolverPool;
}

/** What one solve of one instance at one set of weights gave, measured against the exact optimum. */
export interface InstanceOutcome {
  readonly instance: string;
  readonly strategy: string;
  /** Smallest and largest weight used (the static rules give every constraint the same). */
  readonly weight: { readonly min: number; readonly max: number };
  /** The best sample (lowest energy, as the engine reports it) satisfies every constraint. */
  readonly feasible: boolean;
  /** The best sample is feasible and reaches the exact optimum. */
  readonly optimal: boolean;
  /** Of the best sample, when feasible: % worse than the optimum (null when infeasible). */
  readonly gapPercent: number | null;
  /** The best sample's objective in the problem's own terms. */
  readonly sourceObjective: number;
  /**
   * The best sample is infeasible with an energy below the feasible optimum's: the weights are
   * provably too low for this instance (the QUBO's minimum is infeasible), not merely hard to search.
   */
  readonly weightTooLow: boolean;
  readonly violatedConstraints: number;
  /** Ids of the constraints the best sample violates (empty when it is feasible). */
  readonly unsatisfiedConstraints: readonly string[];
  readonly totalViolation: number;
  /** When the best sample is a feasible optimum: when the engine first reached it (ms from the start). */
  readonly timeToOptimumMs: number | null;
  readonly timeToBestMs: number;
  readonly totalMs: number;
  /** Share of the returned samples (distinct, lowest energy first) that are feasible. */
  readonly feasibleSampleShare: number;
  /** Best gap among the feasible returned samples (null when none is feasible). */
  readonly bestFeasibleSampleGapPercent: number | null;
  readonly restarts: number;
}

/**
 * Compiles the instance with the given weights, solves it with the engine's AUTO strategy for
 * exactly the time budget (no target energy: the engine is never told the optimum), and reads the
 * best sample back against the instance's exact optimum.
 */
export async function solveInstance(instance: FamilyInstance, weights: ConstraintWeights, settings: SolveSettings): Promise<InstanceOutcome> {
  const solution = await solveProblem({
    model: instance.model,
    constraints: withWeights(instance, weights),
    limits: DEFAULT_MODEL_LIMITS,
    strategy: 'AUTO',
    timeLimitMs: settings.timeLimitMs,
    seed: settings.seed,
    numSamples: settings.numSamples,
    workers: settings.pool.size,
    pool: settings.pool,
  });
  const best = solution.samples[0];
  const tolerance = 1e-9 * Math.max(1, Math.abs(instance.optimum.objective));
  const optimal = best.feasible && best.objective <= instance.optimum.objective + tolerance;
  const gap = (objective: number): number => Math.max(0, optimalityGapPercent(objective, instance.optimum));
  const feasibleSamples = solution.samples.filter((sample) => sample.feasible);
  const used = [...weights.values()];
  return {
    instance: instance.name,
    strategy: solution.engine.strategy,
    weight: { min: Math.min(...used), max: Math.max(...used) },
    feasible: best.feasible,
    optimal,
    gapPercent: best.feasible ? gap(best.objective) : null,
    sourceObjective: best.sourceObjective,
    weightTooLow: !best.feasible && best.energy < instance.optimum.objective - tolerance,
    violatedConstraints: best.constraints.filter((constraint) => !constraint.satisfied).length,
    unsatisfiedConstraints: best.constraints.filter((constraint) => !constraint.satisfied).map((constraint) => constraint.id),
    totalViolation: best.constraints.reduce((sum, constraint) => sum + constraint.violation, 0),
    timeToOptimumMs: optimal ? solution.engine.timeToBestMs : null,
    timeToBestMs: solution.engine.timeToBestMs,
    totalMs: solution.engine.totalTimeMs,
    feasibleSampleShare: feasibleSamples.length / solution.samples.length,
    bestFeasibleSampleGapPercent: feasibleSamples.length === 0 ? null : Math.min(...feasibleSamples.map((sample) => gap(sample.objective))),
    restarts: solution.engine.restartsCompleted,
  };
}
