import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { CONSTRAINTS_COLLECTION, PROBLEMS_COLLECTION, type ConstraintDocument, type ProblemDocument } from '../../../schema/read-models/optimization';
import { parseQuboInput, type Constraint, type QuboModel } from '../model';
import { solveGateFor } from '../solving/solve-gate';
import { solveProblem } from '../solving/solve-problem';
import type { Solve } from './shadow-evaluator';

const MAX_CONSTRAINTS = 1000;
const MIN_SHADOW_MS = 10;
/** Without recorded solves to take the budget from. */
const DEFAULT_SHADOW_MS = 100;

/** A stored problem as shadow solves need it: its objective and its live constraints at their current weights. */
export interface StoredProblem {
  readonly problem: ProblemDocument;
  readonly model: QuboModel;
  readonly constraints: readonly Constraint[];
  readonly documents: readonly ConstraintDocument[];
}

/** Undefined when the problem is not (or no longer) in the read model. */
export async function storedProblem(deps: SubgraphDependencies, problemId: string): Promise<StoredProblem | undefined> {
  const problem = await deps.readStore.collection<ProblemDocument>(PROBLEMS_COLLECTION).get(problemId);
  if (!problem) return undefined;
  const documents = (await deps.readStore.collection<ConstraintDocument>(CONSTRAINTS_COLLECTION).find({ where: { problemId }, first: MAX_CONSTRAINTS })).items;
  return {
    problem,
    model: parseQuboInput(problem.definition, { limits: deps.config.quboLimits }),
    constraints: documents.map((document) => ({ ...document.definition, id: document.id }) as Constraint),
    documents,
  };
}

/** Shadow solves queue in the process's solve gate with the users' synchronous solves. */
export function gatedSolve(deps: SubgraphDependencies): Solve {
  return (request) => solveGateFor(deps, deps.config.optimize).run(() => solveProblem(request));
}

/**
 * The budget of a shadow solve: what the recorded solves had (the upper median, a budget some
 * solve really had), at most EVOLUTION_SHADOW_MAX_MS.
 */
export function shadowTimeLimitMs(deps: SubgraphDependencies, budgets: readonly number[]): number {
  if (budgets.length === 0) return Math.min(deps.config.evolution.shadowMaxTimeMs, DEFAULT_SHADOW_MS);
  const sorted = [...budgets].sort((a, b) => a - b);
  return Math.min(deps.config.evolution.shadowMaxTimeMs, Math.max(MIN_SHADOW_MS, sorted[Math.floor(sorted.length / 2)]));
}
