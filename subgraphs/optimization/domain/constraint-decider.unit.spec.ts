import { deciderSpec } from '../../../test/support/decider-spec';
import type { ConstraintDefinition, ConstraintEvent, QuboDefinition } from '../../../schema/events';
import { DEFAULT_MODEL_LIMITS } from '../model';
import { constraintDecider, type ConstraintCommand, type ProblemContext } from './constraint-decider';

const spec = deciderSpec(constraintDecider);
const at = '2026-11-26T10:00:00.000Z';
const later = '2026-11-26T11:00:00.000Z';
const definition: QuboDefinition = { variables: ['a', 'b', 'c'], linear: [], quadratic: [], offset: 0, sense: 'MINIMIZE' };
const problem: ProblemContext = { problemId: 'p1', tenantId: 't1', definition, limits: DEFAULT_MODEL_LIMITS };
const oneHot: ConstraintDefinition = { id: 'c1', kind: 'ONE_HOT', penaltyWeight: 5, variables: ['a', 'b', 'c'] };
const added: ConstraintEvent = { type: 'ConstraintAdded', data: { constraintId: 'c1', problemId: 'p1', tenantId: 't1', constraint: oneHot, addedAt: at } };
const add = (constraint: Omit<ConstraintDefinition, 'id'>): ConstraintCommand => ({ type: 'AddConstraint', constraintId: 'c1', problem, constraint, requestedAt: at });
const update = (penaltyWeight: number, evolutionReason = 'violations persisted'): ConstraintCommand => ({
  type: 'UpdateConstraint',
  constraintId: 'c1',
  problem,
  newParameters: { penaltyWeight },
  evolutionReason,
  requestedAt: later,
});
const remove: ConstraintCommand = { type: 'RemoveConstraint', constraintId: 'c1', reason: 'no longer a rule', requestedAt: later };

describe('constraint decider', () => {
  it('adds a constraint that compiles against its problem, with the stream id as its id', () => {
    spec.given([]).when(add({ kind: 'ONE_HOT', penaltyWeight: 5, variables: ['a', 'b', 'c'] })).then([added]);
  });

  it('refuses a one-hot over no variables (infeasible by construction)', () => {
    spec.given([]).when(add({ kind: 'ONE_HOT', penaltyWeight: 5, variables: [] })).thenRejects('BAD_USER_INPUT');
  });

  it('refuses a constraint on a variable the problem does not have', () => {
    spec.given([]).when(add({ kind: 'AT_MOST_K', penaltyWeight: 1, variables: ['a', 'nope'], k: 1 })).thenRejects('BAD_USER_INPUT', /nope/);
  });

  it('refuses a negative penalty weight', () => {
    spec.given([]).when(add({ kind: 'ONE_HOT', penaltyWeight: -1, variables: ['a'] })).thenRejects('BAD_USER_INPUT');
  });

  it('updates the penalty weight with the reason and the previous weight (the evolution hook)', () => {
    spec
      .given([added])
      .when(update(8))
      .then([
        {
          type: 'ConstraintUpdated',
          data: { constraintId: 'c1', problemId: 'p1', constraint: { ...oneHot, penaltyWeight: 8 }, previousPenaltyWeight: 5, evolutionReason: 'violations persisted', updatedAt: later },
        },
      ]);
  });

  it('refuses an update without a reason', () => {
    spec.given([added]).when(update(8, '  ')).thenRejects('BAD_USER_INPUT', /evolutionReason/);
  });

  it('removes a constraint, after which it can be neither updated nor removed', () => {
    const removed: ConstraintEvent = { type: 'ConstraintRemoved', data: { constraintId: 'c1', problemId: 'p1', reason: 'no longer a rule', removedAt: later } };
    spec.given([added]).when(remove).then([removed]);
    spec.given([added, removed]).when(update(8)).thenRejects('NOT_FOUND');
    spec.given([added, removed]).when(remove).thenRejects('NOT_FOUND');
  });
});
