import type { CommandCaller } from '../../../platform/commands/command-caller';
import { recordFacts } from '../../../platform/commands/execute-command';
import { notFound } from '../../../platform/errors';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { constraintPriceStreamId, eventSchemaVersion, type ConstraintPriceMeasured } from '../../../schema/events';
import { CONSTRAINTS_COLLECTION, PROBLEMS_COLLECTION, type ConstraintDocument, type ProblemDocument } from '../../../schema/read-models/optimization';
import { shadowEvaluator } from '../evolution/shadow-evaluator';
import { parseQuboInput, type Constraint } from '../model';
import { solveGateFor } from '../solving/solve-gate';
import { solveProblem } from '../solving/solve-problem';
import { recentOutcomesAtWeight } from './recent-outcomes';

const PRICE_SEEDS = [1, 2, 3, 4, 5];
const MAX_CONSTRAINTS = 1000;
/** Without recorded solves to take the budget from. */
const DEFAULT_SHADOW_MS = 100;

/**
 * The constraint's price in objective, measured by shadow solves of its problem with every
 * constraint and with this one left out (same seeds, same budget: the median of its recent
 * solves, at most EVOLUTION_SHADOW_MAX_MS). Recorded as ConstraintPriceMeasured.
 */
export async function measureConstraintPrice(deps: SubgraphDependencies, caller: CommandCaller, constraint: ConstraintDocument): Promise<ConstraintPriceMeasured['data']> {
  const problem = await deps.readStore.collection<ProblemDocument>(PROBLEMS_COLLECTION).get(constraint.problemId);
  if (!problem) throw notFound('Problem', constraint.problemId);
  const all = await deps.readStore.collection<ConstraintDocument>(CONSTRAINTS_COLLECTION).find({ where: { problemId: constraint.problemId }, first: MAX_CONSTRAINTS });
  const recent = await recentOutcomesAtWeight(deps.readStore, constraint, 50);
  const budgets = recent.map((outcome) => outcome.timeLimitMs).sort((a, b) => a - b);
  const shadowTimeLimitMs = Math.min(deps.config.evolution.shadowMaxTimeMs, budgets.length > 0 ? budgets[Math.floor(budgets.length / 2)] : DEFAULT_SHADOW_MS);
  const model = parseQuboInput(problem.definition, { limits: deps.config.quboLimits });
  const constraints = all.items.map((document) => ({ ...document.definition, id: document.id }) as Constraint);
  const gated = (request: Parameters<typeof solveProblem>[0]) => solveGateFor(deps, deps.config.optimize).run(() => solveProblem(request));
  const measure = (kept: readonly Constraint[]) =>
    shadowEvaluator({ model, constraints: kept, limits: deps.config.quboLimits, strategy: 'AUTO', timeLimitMs: shadowTimeLimitMs, seeds: PRICE_SEEDS, workers: 1 }, gated)({});
  const withConstraint = (await measure(constraints)).meanFeasibleObjective;
  const withoutConstraint = (await measure(constraints.filter((other) => other.id !== constraint.id))).meanFeasibleObjective;
  const price: ConstraintPriceMeasured['data'] = {
    constraintId: constraint.id,
    problemId: constraint.problemId,
    tenantId: constraint.tenantId,
    withConstraint,
    withoutConstraint,
    price: withConstraint === null || withoutConstraint === null ? null : withConstraint - withoutConstraint,
    objectiveSense: problem.definition.sense,
    shadowSolves: PRICE_SEEDS.length,
    shadowTimeLimitMs,
    measuredAt: deps.clock().toISOString(),
  };
  const facts = { streamId: constraintPriceStreamId(constraint.id), events: [{ type: 'ConstraintPriceMeasured', data: price }], expectedRevision: 'any' as const, versionOf: eventSchemaVersion };
  const position = await recordFacts(deps, caller, facts, { tenantId: constraint.tenantId, target: constraint.id });
  await deps.waitForReadModels(position);
  return price;
}
