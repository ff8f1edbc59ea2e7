import { DomainError } from '../../../platform/commands/decider';
import type { QuboDefinition } from '../../../schema/events';
import { DEFAULT_MODEL_LIMITS } from '../model';
import { choosePenalty, choosePenaltyChange, DEFAULT_PENALTY_METHOD, objectiveOf, type PenaltyRequest } from './penalty-choice';

/** E(a, b, c) = −3a + 2b + 4ab − 5bc: UB 3+2+4+5 = 14, MQC 5, VLM 6 (b rises by 2+4 when flipped on next to a). */
const definition: QuboDefinition = {
  variables: ['a', 'b', 'c'],
  linear: [
    { variable: 'a', coefficient: -3 },
    { variable: 'b', coefficient: 2 },
  ],
  quadratic: [
    { u: 'a', v: 'b', coefficient: 4 },
    { u: 'b', v: 'c', coefficient: -5 },
  ],
  offset: 0,
  sense: 'MINIMIZE',
};
const objective = objectiveOf(definition, DEFAULT_MODEL_LIMITS);

function refusal(choose: () => unknown): DomainError {
  try {
    choose();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('choosing a new constraint’s penalty', () => {
  it.each([
    ['UB', 14],
    ['MQC', 5],
    ['VLM', 6],
  ] as const)('computes %s from the objective and records it with its weight', (penaltyMethod, penaltyWeight) => {
    expect(choosePenalty({ penaltyMethod }, objective)).toEqual({ penaltyMethod, penaltyWeight });
  });

  it('takes a MANUAL weight as given', () => {
    expect(choosePenalty({ penaltyMethod: 'MANUAL', penaltyWeight: 2.5 }, objective)).toEqual({ penaltyMethod: 'MANUAL', penaltyWeight: 2.5 });
  });

  it('reads a weight given alone as MANUAL, as every client did before methods existed', () => {
    expect(choosePenalty({ penaltyWeight: 7 }, objective)).toEqual({ penaltyMethod: 'MANUAL', penaltyWeight: 7 });
  });

  it.each<[string, PenaltyRequest]>([
    ['nothing', {}],
    ['nulls', { penaltyMethod: null, penaltyWeight: null }],
  ])('gives a constraint that names %s the default method, VLM', (_case, request) => {
    expect(DEFAULT_PENALTY_METHOD).toBe('VLM');
    expect(choosePenalty(request, objective)).toEqual({ penaltyMethod: 'VLM', penaltyWeight: 6 });
  });

  it('refuses MANUAL without a weight, naming the field', () => {
    const error = refusal(() => choosePenalty({ penaltyMethod: 'MANUAL' }, objective, 'constraints[1].'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details).toEqual({ field: 'constraints[1].penaltyWeight' });
    expect(error.message).toMatch(/MANUAL needs a penaltyWeight/);
  });

  it('refuses a computed method with a weight as well: which one would count is ambiguous', () => {
    const error = refusal(() => choosePenalty({ penaltyMethod: 'UB', penaltyWeight: 3 }, objective));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details).toEqual({ field: 'penaltyWeight' });
    expect(error.message).toMatch(/ambiguous/);
  });

  it('does not read the objective for a MANUAL weight', () => {
    const unread = jest.fn(objective);
    choosePenalty({ penaltyWeight: 1 }, unread);
    expect(unread).not.toHaveBeenCalled();
  });
});

describe('choosing an update’s penalty', () => {
  it('changes nothing when the update names neither a method nor a weight', () => {
    expect(choosePenaltyChange({}, objective)).toEqual({});
  });

  it('makes a new weight MANUAL and recomputes from a method, by the same rules as a new constraint', () => {
    expect(choosePenaltyChange({ penaltyWeight: 9 }, objective)).toEqual({ penaltyMethod: 'MANUAL', penaltyWeight: 9 });
    expect(choosePenaltyChange({ penaltyMethod: 'MQC' }, objective)).toEqual({ penaltyMethod: 'MQC', penaltyWeight: 5 });
    expect(refusal(() => choosePenaltyChange({ penaltyMethod: 'MANUAL' }, objective)).details).toEqual({ field: 'penaltyWeight' });
  });
});
