import { badUserInput, notFound } from '../../../platform/errors';
import { requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { ConstraintDefinition, QuboDefinition } from '../../../schema/events';
import { CONSTRAINTS_COLLECTION, PROBLEMS_COLLECTION, type ConstraintDocument, type ProblemDocument } from '../../../schema/read-models/optimization';
import { choosePenalty, objectiveOf } from '../domain/penalty-choice';
import { toParameterChanges } from './constraint-resolver';
import type { OptimizeQuboInput } from './optimization-types';
import { toDefinition } from './problem-resolver';
import { inlineConstraintId } from '../domain/inline-constraint-id';

/** What a solve works on: a QUBO and constraints as stated, and the stored problem they came from. */
export interface ProblemToSolve {
  readonly problemId: string | null;
  readonly qubo: QuboDefinition;
  readonly constraints: ConstraintDefinition[];
}

/** A stored problem with its live constraints, or an inline QUBO; the input's extra constraints apply to either. */
export async function problemToSolve(deps: SubgraphDependencies, input: OptimizeQuboInput, context: SubgraphContext): Promise<ProblemToSolve> {
  if ((input.problemId === undefined || input.problemId === null) === (input.qubo === undefined || input.qubo === null)) {
    throw badUserInput('Give either problemId or qubo, not both and not neither.', 'problemId');
  }
  if (input.qubo) {
    const qubo = toDefinition(input.qubo);
    return { problemId: null, qubo, constraints: inlineConstraints(deps, input, qubo) };
  }

  const problemId = input.problemId!;
  const problem = await deps.readStore.collection<ProblemDocument>(PROBLEMS_COLLECTION).get(problemId);
  if (!problem) throw notFound('Problem', problemId);
  requireVisibleItem(context, problem.tenantId, () => notFound('Problem', problemId));
  const stored = await deps.readStore
    .collection<ConstraintDocument>(CONSTRAINTS_COLLECTION)
    .find({ where: { problemId }, sort: [{ field: 'createdAt', direction: 'asc' }], first: 1000 });
  return { problemId, qubo: problem.definition, constraints: [...stored.items.map((document) => document.definition), ...inlineConstraints(deps, input, problem.definition)] };
}

/** The input's own constraints, each weight chosen by its method from the objective they are solved with. */
function inlineConstraints(deps: SubgraphDependencies, input: OptimizeQuboInput, qubo: QuboDefinition): ConstraintDefinition[] {
  const objective = objectiveOf(qubo, deps.config.quboLimits);
  return (input.constraints ?? []).map((constraint, index): ConstraintDefinition => {
    const { kind, penaltyMethod, penaltyWeight, ...parameters } = constraint;
    const penalty = choosePenalty({ penaltyMethod, penaltyWeight }, objective, `constraints[${index}].`);
    return { id: inlineConstraintId(index), kind, ...toParameterChanges(parameters), ...penalty } as ConstraintDefinition;
  });
}
