import { deciderSpec } from '../../../test/support/decider-spec';
import type { ProblemEvent, QuboDefinition } from '../../../schema/events';
import { DEFAULT_MODEL_LIMITS } from '../model';
import { problemDecider, type ProblemCommand } from './problem-decider';

const spec = deciderSpec(problemDecider);
const at = '2026-11-26T10:00:00.000Z';
const definition: QuboDefinition = {
  variables: ['a', 'b'],
  linear: [{ variable: 'a', coefficient: -1 }],
  quadratic: [{ u: 'a', v: 'b', coefficient: 2 }],
  offset: 0,
  sense: 'MINIMIZE',
};
const create = (overrides: Partial<ProblemCommand> = {}): ProblemCommand => ({
  type: 'CreateProblem',
  problemId: 'p1',
  tenantId: 't1',
  name: 'Toy',
  definition,
  limits: DEFAULT_MODEL_LIMITS,
  requestedAt: at,
  ...overrides,
});
const created: ProblemEvent = { type: 'ProblemCreated', data: { problemId: 'p1', tenantId: 't1', name: 'Toy', definition, createdAt: at } };

describe('problem decider', () => {
  it('creates a problem from a valid QUBO', () => {
    spec.given([]).when(create()).then([created]);
  });

  it('refuses to create the same problem twice', () => {
    spec.given([created]).when(create()).thenRejects('CONFLICT');
  });

  it('refuses a non-finite coefficient', () => {
    spec
      .given([])
      .when(create({ definition: { ...definition, linear: [{ variable: 'a', coefficient: Number.NaN }] } }))
      .thenRejects('BAD_USER_INPUT', /finite/);
  });

  it('refuses a term on an unknown variable', () => {
    spec
      .given([])
      .when(create({ definition: { ...definition, quadratic: [{ u: 'a', v: 'zz', coefficient: 1 }] } }))
      .thenRejects('BAD_USER_INPUT', /zz/);
  });

  it('refuses a problem beyond the size limits', () => {
    spec
      .given([])
      .when(create({ limits: { maxVariables: 1, maxQuadraticTerms: 10 } }))
      .thenRejects('BAD_USER_INPUT');
  });

  it('refuses an empty name', () => {
    spec.given([]).when(create({ name: '  ' })).thenRejects('BAD_USER_INPUT', /name/);
  });
});
