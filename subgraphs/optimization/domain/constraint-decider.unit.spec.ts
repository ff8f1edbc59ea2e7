import { deciderSpec } from '../../../test/support/decider-spec';
import type { ConstraintDefinition, ConstraintEvent, QuboDefinition } from '../../../schema/events';
import { DEFAULT_MODEL_LIMITS } from '../model';
import { constraintDecider, type ConstraintCommand, type ConstraintParameters, type ProblemContext } from './constraint-decider';

const spec = deciderSpec(constraintDecider);
const at = '2026-11-26T10:00:00.000Z';
const later = '2026-11-26T11:00:00.000Z';
const definition: QuboDefinition = { variables: ['a', 'b', 'c'], linear: [], quadratic: [], offset: 0, sense: 'MINIMIZE' };
const problem: ProblemContext = { problemId: 'p1', tenantId: 't1', definition, limits: DEFAULT_MODEL_LIMITS };
const oneHot: ConstraintDefinition = { id: 'c1', kind: 'ONE_HOT', penaltyMethod: 'MANUAL', penaltyWeight: 5, variables: ['a', 'b', 'c'] };
const added: ConstraintEvent = { type: 'ConstraintAdded', data: { constraintId: 'c1', problemId: 'p1', tenantId: 't1', constraint: oneHot, addedAt: at } };
const add = (constraint: Omit<ConstraintDefinition, 'id'>): ConstraintCommand => ({ type: 'AddConstraint', constraintId: 'c1', problem, constraint, requestedAt: at });
const change = (newParameters: ConstraintParameters, evolutionReason = 'violations persisted'): ConstraintCommand => ({
  type: 'UpdateConstraint',
  constraintId: 'c1',
  problem,
  newParameters,
  evolutionReason,
  requestedAt: later,
});
const update = (penaltyWeight: number, evolutionReason?: string): ConstraintCommand => change({ penaltyWeight }, evolutionReason);
const updated = (constraint: ConstraintDefinition, previous: ConstraintDefinition): ConstraintEvent => ({
  type: 'ConstraintUpdated',
  data: {
    constraintId: 'c1',
    problemId: 'p1',
    constraint,
    previousPenaltyWeight: previous.penaltyWeight,
    previousPenaltyMethod: previous.penaltyMethod,
    evolutionReason: 'violations persisted',
    updatedAt: later,
  },
});
const remove: ConstraintCommand = { type: 'RemoveConstraint', constraintId: 'c1', reason: 'no longer a rule', requestedAt: later };

describe('constraint decider', () => {
  it('adds a constraint that compiles against its problem, with the stream id as its id', () => {
    spec.given([]).when(add({ kind: 'ONE_HOT', penaltyMethod: 'MANUAL', penaltyWeight: 5, variables: ['a', 'b', 'c'] })).then([added]);
  });

  it('records a computed method with the weight it gave, as the command brings them', () => {
    const byVermaLewis: ConstraintDefinition = { ...oneHot, penaltyMethod: 'VLM', penaltyWeight: 6 };
    spec
      .given([])
      .when(add({ kind: 'ONE_HOT', penaltyMethod: 'VLM', penaltyWeight: 6, variables: ['a', 'b', 'c'] }))
      .then([{ ...added, data: { ...added.data, constraint: byVermaLewis } } as ConstraintEvent]);
  });

  it('refuses a one-hot over no variables (infeasible by construction)', () => {
    spec.given([]).when(add({ kind: 'ONE_HOT', penaltyMethod: 'MANUAL', penaltyWeight: 5, variables: [] })).thenRejects('BAD_USER_INPUT');
  });

  it('refuses a constraint on a variable the problem does not have', () => {
    spec.given([]).when(add({ kind: 'AT_MOST_K', penaltyMethod: 'MANUAL', penaltyWeight: 1, variables: ['a', 'nope'], k: 1 })).thenRejects('BAD_USER_INPUT', /nope/);
  });

  it('refuses a negative penalty weight', () => {
    spec.given([]).when(add({ kind: 'ONE_HOT', penaltyMethod: 'MANUAL', penaltyWeight: -1, variables: ['a'] })).thenRejects('BAD_USER_INPUT');
  });

  it('updates the penalty weight with the reason and the previous weight and method (the evolution hook)', () => {
    spec.given([added]).when(update(8)).then([updated({ ...oneHot, penaltyWeight: 8 }, oneHot)]);
  });

  it('makes a new weight given without a method MANUAL, whatever method gave the old one', () => {
    const byUpperBound: ConstraintDefinition = { ...oneHot, penaltyMethod: 'UB', penaltyWeight: 14 };
    const addedByUpperBound: ConstraintEvent = { ...added, data: { ...added.data, constraint: byUpperBound } } as ConstraintEvent;
    spec.given([addedByUpperBound]).when(update(3)).then([updated({ ...oneHot, penaltyWeight: 3 }, byUpperBound)]);
  });

  it('records a recomputed method with its weight, and keeps both when the update changes neither', () => {
    const byMaxCoefficient: ConstraintDefinition = { ...oneHot, penaltyMethod: 'MQC', penaltyWeight: 5 };
    spec.given([added]).when(change({ penaltyMethod: 'MQC', penaltyWeight: 5 })).then([updated(byMaxCoefficient, oneHot)]);
    const addedByMaxCoefficient: ConstraintEvent = { ...added, data: { ...added.data, constraint: byMaxCoefficient } } as ConstraintEvent;
    spec.given([addedByMaxCoefficient]).when(change({ variables: ['a', 'b'] })).then([updated({ ...byMaxCoefficient, variables: ['a', 'b'] }, byMaxCoefficient)]);
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
