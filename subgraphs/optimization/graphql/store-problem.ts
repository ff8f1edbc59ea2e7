import { randomUUID } from 'node:crypto';
import { executeCommand } from '../../../platform/commands/execute-command';
import type { SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { ConstraintDefinition, QuboDefinition } from '../../../schema/events';
import { constraints as constraintHandler, problems } from '../domain/command-handlers';
import { refuseInvalidModel } from '../domain/model-refusal';
import { choosePenalty, objectiveOf } from '../domain/penalty-choice';
import type { ProblemContext } from '../domain/constraint-decider';
import { compileProblem, type Constraint } from '../model';

/** A problem to store, however it was stated (a QUBO, a template, a file), with the constraints it comes with. */
export interface NewProblem {
  readonly tenantId: string;
  readonly name: string;
  readonly definition: QuboDefinition;
  /** A template's constraints, each with the weight it chose; added as addConstraint adds them. */
  readonly constraints?: readonly Constraint[];
}

/**
 * The one way a problem is stored: CreateProblem, then AddConstraint for each constraint it comes
 * with, through the same deciders createProblem and addConstraint use. The whole set is compiled
 * first, limits included, so a problem whose constraints would be refused is not stored at all.
 * Answers the new problem's id once the read models show it and its constraints.
 */
export async function storeProblem(deps: SubgraphDependencies, context: SubgraphContext, problem: NewProblem): Promise<string> {
  const problemId = randomUUID();
  const requestedAt = deps.clock().toISOString();
  const limits = deps.config.quboLimits;
  const objective = objectiveOf(problem.definition, limits);
  const added = (problem.constraints ?? []).map(({ id: _templateId, penaltyWeight, ...parameters }) => ({
    constraintId: randomUUID(),
    constraint: { ...parameters, ...choosePenalty({ penaltyWeight }, objective) } as Omit<ConstraintDefinition, 'id'>,
  }));
  if (added.length > 0) {
    const stated = added.map(({ constraintId, constraint }) => ({ ...constraint, id: constraintId }) as Constraint);
    refuseInvalidModel(() => compileProblem(objective(), stated, { limits }));
  }

  const caller = callerOf(context);
  const { tenantId, name, definition } = problem;
  await executeCommand(deps, caller, problems, { type: 'CreateProblem', problemId, tenantId, name, definition, limits, requestedAt }, { tenantId, waitForReadModels: added.length === 0 });
  const stored: ProblemContext = { problemId, tenantId, definition, limits };
  for (const [index, { constraintId, constraint }] of added.entries()) {
    await executeCommand(deps, caller, constraintHandler, { type: 'AddConstraint', constraintId, problem: stored, constraint, requestedAt }, { tenantId, waitForReadModels: index === added.length - 1 });
  }
  return problemId;
}
