import type { CommandCaller } from '../../../platform/commands/command-caller';
import { recordFacts } from '../../../platform/commands/execute-command';
import { notFound } from '../../../platform/errors';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { constraintPriceStreamId, eventSchemaVersion, type ConstraintPriceMeasured } from '../../../schema/events';
import type { ConstraintDocument } from '../../../schema/read-models/optimization';
import { shadowEvaluator } from '../evolution/shadow-evaluator';
import { gatedSolve, shadowTimeLimitMs, storedProblem } from '../evolution/stored-problem-shadows';
import type { Constraint } from '../model';
import { recentOutcomesAtWeight } from './recent-outcomes';

const PRICE_SEEDS = [1, 2, 3, 4, 5];

/**
 * The constraint's price in objective, measured by shadow solves of its problem with every
 * constraint and with this one left out (same seeds, same budget: the median of its recent
 * solves, at most EVOLUTION_SHADOW_MAX_MS). Recorded as ConstraintPriceMeasured.
 */
export async function measureConstraintPrice(deps: SubgraphDependencies, caller: CommandCaller, constraint: ConstraintDocument): Promise<ConstraintPriceMeasured['data']> {
  const problem = await storedProblem(deps, constraint.problemId);
  if (!problem) throw notFound('Problem', constraint.problemId);
  const recent = await recentOutcomesAtWeight(deps.readStore, constraint, 50);
  const shadowLimitMs = shadowTimeLimitMs(deps, recent.map((outcome) => outcome.timeLimitMs));
  const measure = (kept: readonly Constraint[]) =>
    shadowEvaluator({ model: problem.model, constraints: kept, limits: deps.config.quboLimits, strategy: 'AUTO', timeLimitMs: shadowLimitMs, seeds: PRICE_SEEDS, workers: 1 }, gatedSolve(deps))({});
  const constraints = problem.constraints;
  const withConstraint = (await measure(constraints)).meanFeasibleObjective;
  const withoutConstraint = (await measure(constraints.filter((other) => other.id !== constraint.id))).meanFeasibleObjective;
  const price: ConstraintPriceMeasured['data'] = {
    constraintId: constraint.id,
    problemId: constraint.problemId,
    tenantId: constraint.tenantId,
    withConstraint,
    withoutConstraint,
    price: withConstraint === null || withoutConstraint === null ? null : withConstraint - withoutConstraint,
    objectiveSense: problem.problem.definition.sense,
    shadowSolves: PRICE_SEEDS.length,
    shadowTimeLimitMs: shadowLimitMs,
    measuredAt: deps.clock().toISOString(),
  };
  const facts = { streamId: constraintPriceStreamId(constraint.id), events: [{ type: 'ConstraintPriceMeasured', data: price }], expectedRevision: 'any' as const, versionOf: eventSchemaVersion };
  const position = await recordFacts(deps, caller, facts, { tenantId: constraint.tenantId, target: constraint.id });
  await deps.waitForReadModels(position);
  return price;
}
