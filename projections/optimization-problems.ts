import type { ConstraintEvent, ProblemEvent } from '../schema/events';
import { CONSTRAINT_CATEGORY, PROBLEM_CATEGORY } from '../schema/events';
import { CONSTRAINTS_COLLECTION, PROBLEMS_COLLECTION, type ConstraintDocument, type ProblemDocument } from '../schema/read-models/optimization';
import type { Projection, ProjectionContext } from './projection';

/** The optimization subgraph's problems, each with the count of its live constraints. */
export const problemsProjection: Projection = {
  name: 'problems',
  // 2: enum values as the API writes them (MAXIMIZE, ONE_HOT, LESS_OR_EQUAL, SA), where version 1 kept maximize, one_hot, <=, sa.
  version: 2,
  collections: [{ name: PROBLEMS_COLLECTION, indexes: ['tenantId', 'createdAt'], textFields: ['name'] }],
  filter: { categories: [PROBLEM_CATEGORY, CONSTRAINT_CATEGORY], eventTypes: ['ProblemCreated', 'ConstraintAdded', 'ConstraintRemoved'] },
  async handle(recorded, context) {
    const event = recorded as unknown as ProblemEvent | ConstraintEvent;
    switch (event.type) {
      case 'ProblemCreated': {
        const { problemId, tenantId, name, definition, createdAt } = event.data;
        const document: ProblemDocument = {
          id: problemId,
          tenantId,
          name,
          definition,
          variableCount: definition.variables.length,
          quadraticTermCount: definition.quadratic.length,
          constraintCount: 0,
          createdAt,
        };
        context.upsert(PROBLEMS_COLLECTION, document);
        return;
      }
      case 'ConstraintAdded':
        return countConstraint(context, event.data.problemId, +1);
      case 'ConstraintRemoved':
        return countConstraint(context, event.data.problemId, -1);
      case 'ConstraintUpdated':
        return;
    }
  },
};

async function countConstraint(context: ProjectionContext, problemId: string, change: number): Promise<void> {
  const problem = await context.get<ProblemDocument>(PROBLEMS_COLLECTION, problemId);
  if (problem) context.patch(PROBLEMS_COLLECTION, problemId, { constraintCount: problem.constraintCount + change });
}

/** Live constraints with their current parameters and how they evolved. */
export const constraintsProjection: Projection = {
  name: 'constraints',
  // 2: enum values as the API writes them (MAXIMIZE, ONE_HOT, LESS_OR_EQUAL, SA), where version 1 kept maximize, one_hot, <=, sa.
  // 3: each constraint's penaltyMethod (MANUAL for those stored before methods existed).
  version: 3,
  collections: [{ name: CONSTRAINTS_COLLECTION, indexes: ['tenantId', 'problemId', 'createdAt'] }],
  filter: { categories: [CONSTRAINT_CATEGORY] },
  async handle(recorded, context) {
    const event = recorded as unknown as ConstraintEvent;
    switch (event.type) {
      case 'ConstraintAdded': {
        const { constraintId, problemId, tenantId, constraint, addedAt } = event.data;
        const document: ConstraintDocument = {
          id: constraintId,
          tenantId,
          problemId,
          kind: constraint.kind,
          penaltyWeight: constraint.penaltyWeight,
          penaltyMethod: constraint.penaltyMethod,
          definition: constraint,
          version: 1,
          createdAt: addedAt,
          updatedAt: addedAt,
        };
        context.upsert(CONSTRAINTS_COLLECTION, document);
        return;
      }
      case 'ConstraintUpdated': {
        const current = await context.get<ConstraintDocument>(CONSTRAINTS_COLLECTION, event.data.constraintId);
        if (!current) return;
        context.patch(CONSTRAINTS_COLLECTION, event.data.constraintId, {
          penaltyWeight: event.data.constraint.penaltyWeight,
          penaltyMethod: event.data.constraint.penaltyMethod,
          definition: event.data.constraint,
          version: current.version + 1,
          updatedAt: event.data.updatedAt,
          lastEvolutionReason: event.data.evolutionReason,
        });
        return;
      }
      case 'ConstraintRemoved':
        context.delete(CONSTRAINTS_COLLECTION, event.data.constraintId);
        return;
    }
  },
};
