import { synchronousSolveUsage } from '../performance/solve-usage';
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { badUserInput } from '../../../platform/errors';
import { requireTenantAccess, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { refuseInvalidModel } from '../domain/model-refusal';
import { solveMultiObjective, type ObjectivePoint } from '../engine/multi-objective';
import { parseQuboInput, toCompiledQubo, type QuboModel } from '../model';
import { MultiObjectiveResult, OptimizeMultiObjectiveInput, type ParetoPoint } from './multi-objective-types';
import { ObjectiveSense } from './qubo-types';
import { SOLVER_TIME_FIELDS } from '../../../schema/solver-time';
import { solveGateFor } from '../solving/solve-gate';
import { synchronousSolveLimits, timeLimit } from './solve-limits';
import { optimizationRuns } from '../domain/command-handlers';
import { executeCommand } from '../../../platform/commands/execute-command';

const MAX_DIVISIONS = 10;

@Resolver()
export class MultiObjectiveResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => MultiObjectiveResult, {
    description:
      'The multi_objective strategy: several named objectives over the same variables; answers the Pareto front found and the weighted best. Synchronous, capped like optimizeQubo.',
  })
  async optimizeMultiObjective(
    @Arg('input', () => OptimizeMultiObjectiveInput) input: OptimizeMultiObjectiveInput,
    @Ctx() context: SubgraphContext,
  ): Promise<MultiObjectiveResult> {
    requireTenantAccess(context, input.tenantId);
    const { maxTimeMs, workers } = this.deps.config.optimize;
    const timeLimitMs = timeLimit(input.timeLimitMs, SOLVER_TIME_FIELDS.optimizeMultiObjective.defaultMs, maxTimeMs);
    const divisions = input.divisions ?? 4;
    if (divisions < 1 || divisions > MAX_DIVISIONS) throw badUserInput(`divisions must be between 1 and ${MAX_DIVISIONS}.`, 'divisions');
    if (input.objectives.length < 2) throw badUserInput('Give at least two objectives; for one, use optimizeQubo.', 'objectives');
    if (new Set(input.objectives.map((objective) => objective.name)).size !== input.objectives.length)
      throw badUserInput('Objective names must be distinct.', 'objectives');
    input.objectives.forEach((objective, index) => {
      if (!Number.isFinite(objective.weight) || objective.weight < 0) throw badUserInput('An objective weight must be ≥ 0.', `objectives[${index}].weight`);
    });

    const limits = synchronousSolveLimits(this.deps);
    const models = input.objectives.map((objective) =>
      refuseInvalidModel(() =>
        parseQuboInput(
          {
            variables: input.variables,
            linear: objective.linear,
            quadratic: objective.quadratic,
            offset: objective.offset,
            sense: objective.sense ?? ObjectiveSense.MINIMIZE,
          },
          { limits },
        ),
      ),
    );
    const seed = input.seed ?? Math.floor(Math.random() * 2 ** 31);
    const result = await solveGateFor(this.deps, this.deps.config.optimize).run(() =>
      solveMultiObjective(
        input.objectives.map((objective, index) => ({ name: objective.name, weight: objective.weight, qubo: toCompiledQubo(models[index]) })),
        { timeLimitMs, seed, divisions, workers },
      ),
    );

    const runId = randomUUID();
    const now = this.deps.clock();
    await executeCommand(
      this.deps,
      callerOf(context),
      optimizationRuns,
      {
        type: 'RecordOptimization',
        resourceUsage: synchronousSolveUsage({
          tenantId: input.tenantId,
          solveId: runId,
          solveKind: 'OPTIMIZE_MULTI_OBJECTIVE',
          workers,
          totalTimeMs: result.totalTimeMs,
          variables: input.variables.length,
          recordedAt: now.toISOString(),
        }),
        outcome: {
          type: 'MultiObjectiveOptimized',
          data: {
            runId,
            tenantId: input.tenantId,
            objectives: input.objectives.map(({ name, weight }) => ({ name, weight })),
            variableCount: input.variables.length,
            frontSize: result.front.length,
            seed,
            totalTimeMs: result.totalTimeMs,
            flipsAttempted: result.flipsAttempted,
            optimizedAt: now.toISOString(),
          },
        },
      },
      // Nothing reads a run back yet: no read model to wait for.
      { tenantId: input.tenantId, waitForReadModels: false },
    );
    const toPoint = (point: ObjectivePoint): ParetoPoint => ({
      objectives: input.objectives.map((objective, index) => ({ name: objective.name, value: sourceValue(models[index], point.objectives[objective.name]) })),
      weightedEnergy: point.weightedEnergy,
      assignment: input.variables.map((variable, index) => ({ variable, value: point.x[index] })),
    });
    return {
      runId,
      paretoFront: result.front.map(toPoint),
      weightedBest: toPoint(result.weightedBest),
      totalTimeMs: result.totalTimeMs,
      flipsAttempted: result.flipsAttempted,
    };
  }
}

function sourceValue(model: QuboModel, energy: number): number {
  return model.toSourceObjective(energy);
}
