import { describeProjection, stream } from '../test/support/projection-spec';
import { problem, sampleQubo } from '../test/support/sample-events';
import { constraintStreamId, type ConstraintDefinition, type ConstraintEvent } from '../schema/events';
import { CONSTRAINTS_COLLECTION, PROBLEMS_COLLECTION, type ConstraintDocument, type ProblemDocument } from '../schema/read-models/optimization';
import { constraintsProjection, problemsProjection } from './optimization-problems';

const createdAt = '2026-03-01T09:00:00.000Z';
const addedAt = '2026-03-01T10:00:00.000Z';
const updatedAt = '2026-03-01T11:00:00.000Z';
const removedAt = '2026-03-01T12:00:00.000Z';

function constraint(constraintId: string, problemId: string, tenantId: string) {
  const event = stream<ConstraintEvent>(constraintStreamId(constraintId), tenantId);
  return {
    added: (definition: ConstraintDefinition) => event({ type: 'ConstraintAdded', data: { constraintId, problemId, tenantId, constraint: definition, addedAt } }),
    updated: (definition: ConstraintDefinition, previous: ConstraintDefinition, evolutionReason: string) =>
      event({
        type: 'ConstraintUpdated',
        data: { constraintId, problemId, constraint: definition, previousPenaltyWeight: previous.penaltyWeight, previousPenaltyMethod: previous.penaltyMethod, evolutionReason, updatedAt },
      }),
    removed: () => event({ type: 'ConstraintRemoved', data: { constraintId, problemId, reason: 'no longer a rule', removedAt } }),
  };
}

const oneHot: ConstraintDefinition = { id: 'c1', kind: 'ONE_HOT', penaltyMethod: 'MANUAL', penaltyWeight: 5, variables: ['x', 'y'] };
const heavierOneHot: ConstraintDefinition = { ...oneHot, penaltyWeight: 8 };
const atMostOne: ConstraintDefinition = { id: 'c2', kind: 'AT_MOST_K', penaltyMethod: 'VLM', penaltyWeight: 2, variables: ['x', 'y'], k: 1 };

const acmeProblem = problem('p1', 'acme');
const globexProblem = problem('p2', 'globex');
const c1 = constraint('c1', 'p1', 'acme');
const c2 = constraint('c2', 'p1', 'acme');
const globexConstraint = constraint('c3', 'p2', 'globex');

describeProjection(problemsProjection, (spec) => {
  const problemDocument = (id: string, tenantId: string, name: string, constraintCount: number): ProblemDocument => ({
    id,
    tenantId,
    name,
    definition: sampleQubo,
    variableCount: 2,
    quadraticTermCount: 1,
    constraintCount,
    createdAt,
  });

  it('creates a problem with the size of its QUBO and no constraints', () => {
    return spec.when(acmeProblem.created('Max-cut', createdAt)).then({ [PROBLEMS_COLLECTION]: [problemDocument('p1', 'acme', 'Max-cut', 0)] });
  });

  it('counts the constraints added to a problem, and only to that problem', () => {
    return spec
      .given(acmeProblem.created('Max-cut', createdAt), globexProblem.created('Routing', createdAt))
      .when(c1.added(oneHot), c2.added(atMostOne))
      .then({ [PROBLEMS_COLLECTION]: [problemDocument('p1', 'acme', 'Max-cut', 2), problemDocument('p2', 'globex', 'Routing', 0)] });
  });

  it('does not count a constraint again when it is updated, and uncounts it when removed', () => {
    return spec
      .given(acmeProblem.created('Max-cut', createdAt), c1.added(oneHot), c2.added(atMostOne))
      .when(c1.updated(heavierOneHot, oneHot, 'violations persisted'), c2.removed())
      .then({ [PROBLEMS_COLLECTION]: [problemDocument('p1', 'acme', 'Max-cut', 1)] });
  });

  it('ignores constraints of a problem it has not seen', () => {
    return spec.when(globexConstraint.added(oneHot)).then({ [PROBLEMS_COLLECTION]: [] });
  });
});

describeProjection(constraintsProjection, (spec) => {
  const added: ConstraintDocument = {
    id: 'c1',
    tenantId: 'acme',
    problemId: 'p1',
    kind: 'ONE_HOT',
    penaltyWeight: 5,
    penaltyMethod: 'MANUAL',
    definition: oneHot,
    version: 1,
    createdAt: addedAt,
    updatedAt: addedAt,
  };

  it('adds a constraint at version 1', () => {
    return spec.when(c1.added(oneHot)).then({ [CONSTRAINTS_COLLECTION]: [added] });
  });

  it('evolves the penalty weight and method, counting versions and keeping the reason', () => {
    const byUpperBound: ConstraintDefinition = { ...oneHot, penaltyMethod: 'UB', penaltyWeight: 13 };
    return spec
      .given(c1.added(oneHot), globexConstraint.added(atMostOne))
      .when(c1.updated(heavierOneHot, oneHot, 'violations persisted'), c1.updated(byUpperBound, heavierOneHot, 'still violated'))
      .then({
        [CONSTRAINTS_COLLECTION]: {
          c1: { ...added, penaltyWeight: 13, penaltyMethod: 'UB', definition: byUpperBound, version: 3, updatedAt, lastEvolutionReason: 'still violated' },
          c3: { ...added, id: 'c3', tenantId: 'globex', problemId: 'p2', kind: 'AT_MOST_K', penaltyWeight: 2, penaltyMethod: 'VLM', definition: atMostOne },
        },
      });
  });

  it('deletes a removed constraint, which a later update does not bring back', () => {
    return spec
      .given(c1.added(oneHot), c2.added(atMostOne))
      .when(c1.removed(), c1.updated(heavierOneHot, oneHot, 'too late'))
      .then({ [CONSTRAINTS_COLLECTION]: { c1: undefined, c2: { ...added, id: 'c2', kind: 'AT_MOST_K', penaltyWeight: 2, penaltyMethod: 'VLM', definition: atMostOne } } });
  });
});
