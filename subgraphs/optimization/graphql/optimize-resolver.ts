import { synchronousSolveUsage } from '../performance/solve-usage';
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { badUserInput } from '../../../platform/errors';
import { requireTenantAccess, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { refuseInvalidModel } from '../domain/model-refusal';
import { parseQuboInput, type Constraint, type SolutionEvaluation } from '../model';
import { solveProblem, type ProblemSolution } from '../solving/solve-problem';
import type { ConstraintKind } from './constraint-types';
import { OptimizationResult, OptimizeQuboInput, Solution, SolverStrategy } from './optimization-types';
import { problemToSolve } from './problem-input';
import { SOLVER_TIME_FIELDS } from '../../../schema/solver-time';
import { solveGateFor } from '../solving/solve-gate';
import { synchronousSolveLimits, timeLimit } from './solve-limits';
import { optimizationRuns } from '../domain/command-handlers';
import { executeCommand } from '../../../platform/commands/execute-command';
import { constraintOutcomes } from '../performance/constraint-outcomes';
import { requireAlgorithmRun } from '../algorithms/algorithm-entitlement';
import { engineOptions, solveSettings } from '../algorithms/recipe-options';
import { algorithmRunMetered } from '../algorithms/run-metering';

const DEFAULT_SAMPLES = 5;
const MAX_SAMPLES = 100;

@Resolver()
export class OptimizeResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => OptimizationResult, {
    description:
      "The seed's optimize_qubo(qubo_matrix, constraints, optimization_strategy), synchronous and for small problems: capped by OPTIMIZE_MAX_TIME_MS and OPTIMIZE_MAX_VARIABLES. Each run is recorded as a QuboOptimized event, with how each constraint fared (ConstraintOutcomesRecorded). With algorithmId, runs a marketplace algorithm's recipe (LICENSE_REQUIRED without a licence), metered to its listing (AlgorithmRunMetered).",
  })
  async optimizeQubo(@Arg('input', () => OptimizeQuboInput) input: OptimizeQuboInput, @Ctx() context: SubgraphContext): Promise<OptimizationResult> {
    requireTenantAccess(context, input.tenantId);
    const { maxTimeMs, workers } = this.deps.config.optimize;
    const algorithm = input.algorithmId ? await requireAlgorithmRun(this.deps, input.tenantId, input.algorithmId, input.algorithmVersion ?? undefined) : null;
    const defaultTimeLimitMs = SOLVER_TIME_FIELDS.optimizeQubo.defaultMs;
    const settings = solveSettings(input, algorithm?.recipe ?? null, { defaultTimeLimitMs, maxTimeLimitMs: maxTimeMs, defaultSamples: DEFAULT_SAMPLES, maxSamples: MAX_SAMPLES });
    const timeLimitMs = timeLimit(settings.timeLimitMs, defaultTimeLimitMs, maxTimeMs);
    const { numSamples } = settings;
    if (numSamples < 1 || numSamples > MAX_SAMPLES) throw badUserInput(`numSamples must be between 1 and ${MAX_SAMPLES}.`, 'numSamples');

    const { qubo, constraints, problemId } = await problemToSolve(this.deps, input, context);
    const model = refuseInvalidModel(() => parseQuboInput(qubo, { limits: this.deps.config.quboLimits }));
    const seed = input.seed ?? Math.floor(Math.random() * 2 ** 31);
    const limits = synchronousSolveLimits(this.deps);
    const solution = await solveGateFor(this.deps, this.deps.config.optimize).run(() =>
      refuseInvalidModel(() =>
        solveProblem({
          model,
          constraints: constraints as Constraint[],
          limits,
          strategy: settings.strategy,
          timeLimitMs,
          seed,
          numSamples,
          tuning: engineOptions(settings.parameters),
          workers,
        }),
      ),
    );

    const runId = randomUUID();
    const now = this.deps.clock();
    const best = solution.samples[0];
    const resourceUsage = synchronousSolveUsage({
      tenantId: input.tenantId,
      solveId: runId,
      solveKind: 'OPTIMIZE_QUBO',
      workers,
      totalTimeMs: solution.engine.totalTimeMs,
      variables: solution.variableNames.length,
      recordedAt: now.toISOString(),
    });
    await executeCommand(
      this.deps,
      callerOf(context),
      optimizationRuns,
      {
        type: 'RecordOptimization',
        constraintOutcomes: constraintOutcomes({
          solveId: runId,
          solveKind: 'OPTIMIZE_QUBO',
          tenantId: input.tenantId,
          problemId,
          model,
          constraints: constraints as Constraint[],
          solution,
          timeLimitMs,
          // Each worker thread runs for the whole solve.
          cpuMs: workers * solution.engine.totalTimeMs,
          recordedAt: now.toISOString(),
        }),
        resourceUsage,
        algorithmRun: algorithm
          ? algorithmRunMetered(algorithm.listing, {
              runnerTenantId: input.tenantId,
              solveId: runId,
              solveKind: 'OPTIMIZE_QUBO',
              cpuMs: resourceUsage.cpuSeconds * 1000,
              wallMs: solution.engine.totalTimeMs,
              at: now.toISOString(),
            })
          : undefined,
        outcome: {
          type: 'QuboOptimized',
          data: {
            runId,
            tenantId: input.tenantId,
            problemId,
            variableCount: solution.variableNames.length,
            constraintCount: constraints.length,
            strategy: solution.engine.strategy,
            seed,
            bestEnergy: solution.engine.bestEnergy,
            bestObjective: best.sourceObjective,
            feasible: best.feasible,
            timeToBestMs: solution.engine.timeToBestMs,
            totalTimeMs: solution.engine.totalTimeMs,
            flipsAttempted: solution.engine.flipsAttempted,
            stoppedBy: solution.engine.stoppedBy,
            optimizedAt: now.toISOString(),
          },
        },
      },
      // Nothing reads a run back yet: no read model to wait for.
      { tenantId: input.tenantId, waitForReadModels: false },
    );
    return toResult(runId, solution);
  }
}

function toResult(runId: string, solution: ProblemSolution): OptimizationResult {
  const samples = solution.samples.map((sample) => toSolution(sample, solution));
  return {
    runId,
    strategy: solution.engine.strategy as SolverStrategy,
    parameters: solution.engine.parameters,
    best: samples[0],
    samples,
    timeToBestMs: solution.engine.timeToBestMs,
    totalTimeMs: solution.engine.totalTimeMs,
    flipsAttempted: solution.engine.flipsAttempted,
    stoppedBy: solution.engine.stoppedBy,
    trace: solution.engine.trace.map(({ ms, energy }) => ({ ms, energy })),
  };
}

function toSolution(sample: SolutionEvaluation, solution: ProblemSolution): Solution {
  return {
    assignment: solution.variableNames.slice(0, solution.userVariableCount).map((variable, index) => ({ variable, value: sample.assignment[index] })),
    energy: sample.energy,
    objective: sample.sourceObjective,
    feasible: sample.feasible,
    constraintResults: sample.constraints.map((constraint) => ({
      constraintId: constraint.id,
      kind: constraint.kind as ConstraintKind,
      penaltyWeight: constraint.penaltyWeight,
      penalty: constraint.penalty,
      violation: constraint.violation,
      satisfied: constraint.satisfied,
    })),
  };
}
