import type { Constraint, ModelLimits, QuboModel, SolutionEvaluation } from '../model';
import { compileProblem, evaluateSolution } from '../model';
import { solveQubo } from '../engine/solve-qubo';
import type { SolverPool } from '../engine/solver-pool';
import type { SolveOptions, SolveResult, Strategy } from '../engine/solve-types';

export interface SolveProblemRequest {
  readonly model: QuboModel;
  readonly constraints: readonly Constraint[];
  readonly limits: ModelLimits;
  readonly strategy: Strategy;
  readonly timeLimitMs: number;
  readonly seed: number;
  readonly numSamples: number;
  readonly workers: number;
  /** A long-lived pool to run on instead of `workers` fresh threads. */
  readonly pool?: SolverPool;
  readonly signal?: AbortSignal;
  readonly onProgress?: SolveOptions['onProgress'];
}

/** A solve of a problem with its constraints: what the engine found, read back in the problem's own terms. */
export interface ProblemSolution {
  readonly engine: SolveResult;
  readonly variableNames: readonly string[];
  readonly userVariableCount: number;
  /** Each distinct sample evaluated: objective alone, each constraint's penalty and violation, feasibility. */
  readonly samples: readonly SolutionEvaluation[];
}

/**
 * `advanced_qubo_engine.optimize_qubo(qubo_matrix, constraints, optimization_strategy)`:
 * constraints are compiled into penalty terms, the engine minimises the whole, and every sample is
 * evaluated against the problem as stated, so feasibility is reported and never assumed.
 */
export async function solveProblem(request: SolveProblemRequest): Promise<ProblemSolution> {
  const compiled = compileProblem(request.model, request.constraints, { limits: request.limits });
  const engine = await solveQubo(compiled.compiled, {
    strategy: request.strategy,
    timeLimitMs: request.timeLimitMs,
    seed: request.seed,
    numSamples: request.numSamples,
    workers: request.workers,
    pool: request.pool,
    signal: request.signal,
    onProgress: request.onProgress,
  });
  return {
    engine,
    variableNames: compiled.variableNames,
    userVariableCount: compiled.userVariableCount,
    samples: engine.samples.map((sample) => evaluateSolution(compiled, sample.x)),
  };
}
