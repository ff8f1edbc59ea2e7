import { randomUUID } from 'node:crypto';
import type { CommandCaller } from '../../../platform/commands/command-caller';
import { DomainError } from '../../../platform/commands/decider';
import { executeCommand } from '../../../platform/commands/execute-command';
import { ErrorCode } from '../../../platform/errors';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { ConstraintsEvolved, EvolutionStrategyName, EvolutionUpdate, MeasuredWeights, UnmetConstraint } from '../../../schema/events';
import { PROBLEM_OBJECTIVE_BESTS_COLLECTION, type ConstraintOutcomeDocument, type ProblemObjectiveBestDocument } from '../../../schema/read-models/constraint-performance';
import { recentOutcomesAtWeight } from '../performance/recent-outcomes';
import { CONSTRAINTS_COLLECTION, PROBLEMS_COLLECTION, type ConstraintDocument, type ProblemDocument } from '../../../schema/read-models/optimization';
import { loadState } from '../../../platform/commands/command-handler';
import { constraintStreamId, evolutionStreamId } from '../../../schema/events';
import { requiresChangeApproval } from '../../../schema/compliance';
import { constraints as constraintHandler, evolutions } from '../domain/command-handlers';
import { constraintDecider } from '../domain/constraint-decider';
import { evolutionDecider, type EvolutionStatus } from '../domain/evolution-decider';
import { summarizeOutcomes } from '../performance/aggregate-performance';
import { EVOLUTION_STRATEGIES } from './evolution-strategies';
import { evolutionReason, planEvolution, round, type EvolutionTarget, type ProblemPlan } from './plan-evolution';
import { constraintScenario } from '../prediction/constraint-scenario';
import { feasibilityAt, smallestWeightFor } from '../prediction/predict-outcome';
import { findTenantModel, type TenantModel } from '../prediction/tenant-models';
import { shadowEvaluator } from './shadow-evaluator';
import { gatedSolve, shadowTimeLimitMs, storedProblem } from './stored-problem-shadows';
import { searchWeights, type SearchResult } from './weight-search';

export interface EvolveRequest {
  /** Chosen by the caller when it must name the evolution before it runs (a trigger's firing); drawn otherwise. */
  readonly evolutionId?: string;
  readonly tenantId: string;
  readonly problemId?: string;
  readonly constraintIds?: readonly string[];
  readonly performanceThreshold: number;
  readonly strategy: EvolutionStrategyName;
  readonly dryRun: boolean;
}

/** How many of a constraint's latest solves (at its current weight) its recorded performance is read from. */
export const RECENT_SOLVES = 50;
const MAX_CONSTRAINTS = 1000;

/**
 * The seed's evolve_constraints: reads how each constraint performed in its recent solves, plans
 * raises (below the threshold) and lowers (always satisfied at an objective cost), searches each
 * problem's weight vector with shadow solves (from the weights a trained model predicts, when
 * the tenant has one), records the evolution, then applies each change
 * through the constraint's own command path (ConstraintUpdated, with the reason and the evolution
 * it came from). A dry run records what it measured and applies nothing; under SOC2 change
 * approval the evolution is proposed and applied by approveEvolution.
 */
export interface EvolutionOutcome {
  readonly evolution: ConstraintsEvolved['data'];
  readonly status: Extract<EvolutionStatus, 'APPLIED' | 'DRY_RUN' | 'PROPOSED'>;
}

export async function evolveConstraints(deps: SubgraphDependencies, caller: CommandCaller, request: EvolveRequest): Promise<EvolutionOutcome> {
  if (!(request.performanceThreshold > 0 && request.performanceThreshold <= 1)) {
    throw new DomainError(ErrorCode.BadUserInput, `performanceThreshold must be in (0, 1], got ${request.performanceThreshold}.`, { field: 'performanceThreshold' });
  }
  const targets = await targetsOf(deps, request);
  const recorded = await Promise.all(targets.map((target) => recordedTarget(deps, target)));
  if (recorded.every(({ target }) => target.recorded.solves === 0)) {
    throw new DomainError(
      ErrorCode.InsufficientPerformanceData,
      `None of the ${targets.length} constraint(s) has a recorded solve at its current weight yet: solve the problem (optimizeQubo or submitSolveJob) at least once and evolve again (1 more outcome needed).`,
      { needed: 1 },
    );
  }
  const strategy = EVOLUTION_STRATEGIES[request.strategy];
  const evolutionId = request.evolutionId ?? randomUUID();
  const updates: EvolutionUpdate[] = [];
  const unmet: UnmetConstraint[] = [];
  const measurements: Record<string, MeasuredWeights[]> = {};
  const plans = planEvolution(
    recorded.map(({ target }) => target),
    request.performanceThreshold,
  );
  const model = await findTenantModel(deps, request.tenantId);
  for (const plan of plans) {
    const problem = await storedProblem(deps, plan.problemId);
    if (!problem) continue;
    const planned = [...plan.raise, ...plan.lower];
    const budgets = recorded.filter(({ target }) => planned.includes(target)).flatMap(({ outcomes }) => outcomes.map((outcome) => outcome.timeLimitMs));
    const shadowLimitMs = shadowTimeLimitMs(deps, budgets);
    const evaluate = shadowEvaluator(
      { model: problem.model, constraints: problem.constraints, limits: deps.config.quboLimits, strategy: 'AUTO', timeLimitMs: shadowLimitMs, seeds: strategy.seeds, workers: 1 },
      gatedSolve(deps),
    );
    // With a trained model, raises start from the smallest weight it predicts to meet the threshold.
    const starts = model ? await modelStarts(deps, model, plan.raise, problem.documents, request.performanceThreshold) : new Map<string, ModelStart>();
    if (request.strategy === 'AGGRESSIVE' && starts.size > 0 && plan.lower.length === 0) {
      // AGGRESSIVE goes straight to the predicted weights: no shadow solve.
      updates.push(...predictedUpdates(plan, starts, request.performanceThreshold));
      continue;
    }
    const initial = Object.fromEntries(planned.map((target) => [target.constraintId, starts.get(target.constraintId)?.predictedWeight ?? target.penaltyWeight]));
    const result = await searchWeights(initial, evaluate, {
      threshold: request.performanceThreshold,
      step: strategy.step,
      maxEvaluations: strategy.maxEvaluations,
      // BALANCED validates the predicted weight (raising it if it falls short) rather than refining below it.
      refineSteps: starts.size > 0 && request.strategy === 'BALANCED' ? 0 : strategy.refineSteps,
      lowerWhenSatisfied: plan.lower.map((target) => target.constraintId),
    });
    measurements[plan.problemId] = [...result.evaluations];
    updates.push(...updatesOf(plan, result, starts, request.performanceThreshold, shadowLimitMs, strategy.seeds));
    unmet.push(...unmetOf(plan, result));
  }
  const evolution: ConstraintsEvolved['data'] = {
    evolutionId,
    tenantId: request.tenantId,
    strategy: request.strategy,
    performanceThreshold: request.performanceThreshold,
    dryRun: request.dryRun,
    updates,
    unmet,
    measurements,
    triggeredBy: caller.actor,
    evolvedAt: deps.clock().toISOString(),
  };
  // Under SOC2 change approval an evolution with something to change waits for someone else's approveEvolution.
  const propose = !request.dryRun && updates.length > 0 && (await requiresChangeApproval(deps.readStore, request.tenantId));
  const command = { type: propose ? 'ProposeEvolution' : 'RecordEvolution', evolution } as const;
  await executeCommand(deps, caller, evolutions, command, { tenantId: request.tenantId, target: evolutionId, waitForReadModels: request.dryRun || propose || updates.length === 0 });
  if (!request.dryRun && !propose) await applyUpdates(deps, caller, request.tenantId, evolution);
  return { evolution, status: request.dryRun ? 'DRY_RUN' : propose ? 'PROPOSED' : 'APPLIED' };
}

/**
 * approveEvolution: checks that no constraint changed since the proposal (its weight is still the
 * one the evolution started from), records the approval, then applies the updates.
 */
export async function approveEvolution(deps: SubgraphDependencies, caller: CommandCaller, tenantId: string, evolutionId: string): Promise<ConstraintsEvolved['data']> {
  const state = await loadState(deps, evolutionDecider, evolutionStreamId(evolutionId));
  if (state.status === 'PROPOSED' && state.tenantId === tenantId) {
    for (const update of state.evolution.updates) {
      const constraint = await loadState(deps, constraintDecider, constraintStreamId(update.constraintId));
      const weightNow = constraint.status === 'active' ? constraint.constraint.penaltyWeight : undefined;
      if (weightNow !== update.oldParameters.penaltyWeight) {
        throw new DomainError(
          ErrorCode.Conflict,
          `Constraint ${update.constraintId} changed since evolution ${evolutionId} was proposed (${weightNow === undefined ? 'it was removed' : `its weight is now ${weightNow}, not ${update.oldParameters.penaltyWeight}`}): reject this proposal and evolve again.`,
          { reason: 'CONSTRAINT_CHANGED_SINCE_PROPOSAL' },
        );
      }
    }
  }
  // The decider refuses what is not a proposal of this tenant, and the proposer approving it.
  await executeCommand(deps, caller, evolutions, { type: 'ApproveEvolution', evolutionId, tenantId, by: caller.actor, at: deps.clock().toISOString() }, { tenantId, target: evolutionId, waitForReadModels: false });
  if (state.status !== 'PROPOSED') throw new Error(`Evolution ${evolutionId} was approved without being proposed`);
  await applyUpdates(deps, caller, tenantId, state.evolution);
  return state.evolution;
}

/** The constraints asked about: by id, of one problem, or all of the tenant's; an id not of the tenant is refused. */
async function targetsOf(deps: SubgraphDependencies, request: EvolveRequest): Promise<ConstraintDocument[]> {
  const collection = deps.readStore.collection<ConstraintDocument>(CONSTRAINTS_COLLECTION);
  if (request.constraintIds && request.constraintIds.length > 0) {
    return Promise.all(
      request.constraintIds.map(async (constraintId) => {
        const document = await collection.get(constraintId);
        if (!document || document.tenantId !== request.tenantId || (request.problemId && document.problemId !== request.problemId)) {
          throw new DomainError(ErrorCode.BadUserInput, `Constraint ${constraintId} does not exist${request.problemId ? ` in problem ${request.problemId}` : ''}.`, { field: 'constraintIds' });
        }
        return document;
      }),
    );
  }
  const where: Record<string, string> = request.problemId ? { problemId: request.problemId } : { tenantId: request.tenantId };
  const page = await collection.find({ where, first: MAX_CONSTRAINTS });
  const documents = page.items.filter((document) => document.tenantId === request.tenantId);
  if (request.problemId && documents.length === 0) {
    throw new DomainError(ErrorCode.BadUserInput, `Problem ${request.problemId} has no constraint to evolve (or does not exist).`, { field: 'problemId' });
  }
  return documents;
}

async function recordedTarget(deps: SubgraphDependencies, document: ConstraintDocument): Promise<{ target: EvolutionTarget; outcomes: ConstraintOutcomeDocument[] }> {
  const outcomes = await recentOutcomesAtWeight(deps.readStore, document, RECENT_SOLVES);
  const best = await deps.readStore.collection<ProblemObjectiveBestDocument>(PROBLEM_OBJECTIVE_BESTS_COLLECTION).get(document.problemId);
  return {
    target: { constraintId: document.id, problemId: document.problemId, penaltyWeight: document.penaltyWeight, recorded: summarizeOutcomes(outcomes, best?.bestFeasibleObjective) },
    outcomes,
  };
}

function updatesOf(plan: ProblemPlan, result: SearchResult, starts: ReadonlyMap<string, ModelStart>, threshold: number, shadowTimeLimitMs: number, seeds: readonly number[]): EvolutionUpdate[] {
  return [...plan.raise, ...plan.lower].flatMap((target): EvolutionUpdate[] => {
    const from = target.penaltyWeight;
    const to = result.chosen.weights[target.constraintId];
    if (to === from) return [];
    const startedHere = result.initial.weights[target.constraintId] === from;
    const measuredBefore = startedHere ? (result.initial.feasibilityRates[target.constraintId] ?? 0) : target.recorded.feasibilityRate;
    const measuredAfter = result.chosen.feasibilityRates[target.constraintId] ?? 0;
    const modelStart = starts.get(target.constraintId);
    const measured = evolutionReason({ from, to, recorded: target.recorded, threshold, measuredBefore, measuredAfter, shadowSolves: seeds.length, shadowTimeLimitMs });
    return [
      {
        constraintId: target.constraintId,
        problemId: plan.problemId,
        oldParameters: { penaltyWeight: from, penaltyMethod: 'MANUAL' },
        newParameters: { penaltyWeight: to, penaltyMethod: 'MANUAL' },
        evolutionReason: modelStart ? `${measured} Started from ${round(modelStart.predictedWeight)}, where model v${modelStart.modelVersion} predicted ${Math.round(modelStart.predictedFeasibility * 100)}% feasible.` : measured,
        predictedPerformance: { feasibilityProbability: measuredAfter, expectedObjective: result.chosen.meanFeasibleObjective, source: 'SHADOW_SOLVES', solves: result.chosen.solves },
        evidence: {
          recordedSolves: target.recorded.solves,
          recordedFeasibilityRate: target.recorded.feasibilityRate,
          recordedMeanObjectiveGap: target.recorded.meanObjectiveGap,
          shadowTimeLimitMs,
          shadowSeeds: seeds,
          measuredBefore,
          measuredAfter,
          ...(modelStart && { modelStart }),
        },
      },
    ];
  });
}

/** AGGRESSIVE with a model: each raise goes to the predicted weight, with the model's prediction as its only evidence. */
function predictedUpdates(plan: ProblemPlan, starts: ReadonlyMap<string, ModelStart>, threshold: number): EvolutionUpdate[] {
  return plan.raise.flatMap((target): EvolutionUpdate[] => {
    const start = starts.get(target.constraintId);
    if (!start || start.predictedWeight === target.penaltyWeight) return [];
    const percent = (value: number) => `${Math.round(value * 100)}%`;
    return [
      {
        constraintId: target.constraintId,
        problemId: plan.problemId,
        oldParameters: { penaltyWeight: target.penaltyWeight, penaltyMethod: 'MANUAL' },
        newParameters: { penaltyWeight: start.predictedWeight, penaltyMethod: 'MANUAL' },
        evolutionReason: `Raised from ${round(target.penaltyWeight)} to ${round(start.predictedWeight)}: satisfied in ${percent(target.recorded.feasibilityRate)} of the last ${target.recorded.solves} solves, below the ${percent(threshold)} threshold; model v${start.modelVersion} predicts ${percent(start.predictedFeasibility)} feasible at the new weight (AGGRESSIVE: not validated by shadow solves).`,
        predictedPerformance: { feasibilityProbability: start.predictedFeasibility, expectedObjective: null, source: 'MODEL', solves: 0 },
        evidence: {
          recordedSolves: target.recorded.solves,
          recordedFeasibilityRate: target.recorded.feasibilityRate,
          recordedMeanObjectiveGap: target.recorded.meanObjectiveGap,
          shadowTimeLimitMs: 0,
          shadowSeeds: [],
          measuredBefore: target.recorded.feasibilityRate,
          measuredAfter: start.predictedFeasibility,
          modelStart: start,
        },
      },
    ];
  });
}

type ModelStart = NonNullable<EvolutionUpdate['evidence']['modelStart']>;

/** For each raise the model can answer: the smallest weight above the current one it predicts to meet the threshold. */
async function modelStarts(deps: SubgraphDependencies, model: TenantModel, raise: readonly EvolutionTarget[], constraints: readonly ConstraintDocument[], threshold: number): Promise<Map<string, ModelStart>> {
  const starts = new Map<string, ModelStart>();
  for (const target of raise) {
    const constraint = constraints.find((document) => document.id === target.constraintId);
    if (!constraint) continue;
    const scenario = await constraintScenario(deps, constraint);
    const predictedWeight = await smallestWeightFor(model.model, scenario, threshold);
    if (predictedWeight === null || predictedWeight <= target.penaltyWeight) continue;
    starts.set(target.constraintId, {
      modelId: model.document.modelId,
      modelVersion: model.document.version,
      predictedWeight,
      predictedFeasibility: await feasibilityAt(model.model, scenario, predictedWeight),
    });
  }
  return starts;
}

function unmetOf(plan: ProblemPlan, result: SearchResult): UnmetConstraint[] {
  return result.unmet.map((constraintId) => {
    const bestFeasibilityRate = Math.max(...result.evaluations.map((evaluation) => evaluation.feasibilityRates[constraintId] ?? 0));
    const others = result.unmet.length > 1 ? ' together with the other unmet constraints' : '';
    return {
      constraintId,
      problemId: plan.problemId,
      bestFeasibilityRate,
      reason: `No measured weight vector brought it to the threshold${others} within ${result.evaluations.length} evaluations (best ${Math.round(bestFeasibilityRate * 100)}%): raising it further competed with the problem's other constraints or did not help; see the evolution's measurements.`,
    };
  });
}

async function applyUpdates(deps: SubgraphDependencies, caller: CommandCaller, tenantId: string, evolution: ConstraintsEvolved['data']): Promise<void> {
  const { evolutionId } = evolution;
  for (const update of evolution.updates) {
    const problem = await deps.readStore.collection<ProblemDocument>(PROBLEMS_COLLECTION).get(update.problemId);
    if (!problem) continue;
    await executeCommand(
      deps,
      caller,
      constraintHandler,
      {
        type: 'UpdateConstraint',
        constraintId: update.constraintId,
        problem: { problemId: update.problemId, tenantId, definition: problem.definition, limits: deps.config.quboLimits },
        newParameters: { penaltyWeight: update.newParameters.penaltyWeight, penaltyMethod: 'MANUAL' },
        evolutionReason: update.evolutionReason,
        evolution: { evolutionId, evidence: update.evidence, predictedPerformance: update.predictedPerformance },
        requestedAt: deps.clock().toISOString(),
      },
      { tenantId, target: update.constraintId },
    );
  }
}
