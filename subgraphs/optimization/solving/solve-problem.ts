import type { CompiledProblem, Constraint, ModelLimits, QuboModel, SolutionEvaluation } from '../model';
import { compileProblem, evaluateSolution } from '../model';
import { solveQubo } from '../engine/solve-qubo';
import type { SolverPool } from '../engine/solver-pool';
import { ENERGY_EPSILON, nowMs } from '../engine/run-control';
import type { EngineTuning, Sample, SolveOptions, SolveResult, Strategy } from '../engine/solve-types';
import { descendWithOptimalSlack } from './slack-descent';

/** Of a solve's time limit, the share kept for the descent with optimal slack when the problem has inequalities. */
export const SLACK_DESCENT_SHARE = 0.1;

export interface SolveProblemRequest {
  readonly model: QuboModel;
  readonly constraints: readonly Constraint[];
  readonly limits: ModelLimits;
  readonly strategy: Strategy;
  readonly timeLimitMs: number;
  readonly seed: number;
  readonly numSamples: number;
  /** A marketplace recipe's engine settings; the engine's defaults without one. */
  readonly tuning?: EngineTuning;
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
  const start = nowMs();
  const withSlack = compiled.slackVariables.length > 0;
  const searched = await solveQubo(compiled.compiled, {
    ...request.tuning,
    strategy: request.strategy,
    // The slack descent's share comes out of the same limit, so the answer is still on time.
    timeLimitMs: withSlack ? request.timeLimitMs * (1 - SLACK_DESCENT_SHARE) : request.timeLimitMs,
    seed: request.seed,
    numSamples: request.numSamples,
    workers: request.workers,
    pool: request.pool,
    signal: request.signal,
    onProgress: request.onProgress,
  });
  const engine = withSlack && !request.signal?.aborted ? descended(compiled, searched, start, start + request.timeLimitMs) : searched;
  return {
    engine,
    variableNames: compiled.variableNames,
    userVariableCount: compiled.userVariableCount,
    samples: engine.samples.map((sample) => evaluateSolution(compiled, sample.x)),
  };
}

/** The engine's result with its samples taken down by the slack descent: distinct, lowest energy first, timings to match. */
function descended(problem: CompiledProblem, result: SolveResult, start: number, deadline: number): SolveResult {
  const samples = distinctByEnergy(descendWithOptimalSlack(problem, result.samples, deadline));
  const end = nowMs();
  const improved = samples[0].energy < result.bestEnergy - ENERGY_EPSILON;
  return {
    ...result,
    samples,
    bestEnergy: samples[0].energy,
    timeToBestMs: improved ? end - start : result.timeToBestMs,
    totalTimeMs: end - start,
    trace: improved ? [...result.trace, { ms: end - start, energy: samples[0].energy }] : result.trace,
  };
}

function distinctByEnergy(samples: readonly Sample[]): Sample[] {
  const seen = new Set<string>();
  return [...samples]
    .sort((a, b) => a.energy - b.energy)
    .filter(({ x }) => {
      const key = x.join('');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
