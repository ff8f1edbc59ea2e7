import { compileProblem } from './compile-problem';
import type { Constraint } from './constraints/constraint';
import { parseQuboInput } from './input/qubo-input';
import type { QuboModel } from './qubo-model';
import { seededRandom } from './test-support/brute-force';
import { expectCompilationConsistent } from './test-support/check-compilation';

function model(names = ['a', 'b', 'c', 'd']): QuboModel {
  return parseQuboInput({
    variables: names,
    linear: names.map((variable, i) => ({ variable, coefficient: i - 1.5 })),
    quadratic: [{ u: names[0], v: names[1], coefficient: 2 }],
  });
}
const terms = (coefficients: Record<string, number>) => Object.entries(coefficients).map(([variable, coefficient]) => ({ variable, coefficient }));

describe('compiling constraints into penalties', () => {
  it.each<[string, Constraint]>([
    ['linear equality', { id: 'eq', kind: 'LINEAR_EQUALITY', penaltyWeight: 3, terms: terms({ a: 2, b: -1, c: 1 }), rhs: 1 }],
    ['linear inequality ≤', { id: 'le', kind: 'LINEAR_INEQUALITY', penaltyWeight: 2, terms: terms({ a: 3, b: 2, c: -1, d: 4 }), relation: 'LESS_OR_EQUAL', rhs: 5 }],
    ['linear inequality ≥', { id: 'ge', kind: 'LINEAR_INEQUALITY', penaltyWeight: 2, terms: terms({ a: 3, b: 2, d: 4 }), relation: 'GREATER_OR_EQUAL', rhs: 4 }],
    ['decimal inequality (scaled by 10)', { id: 'dec', kind: 'LINEAR_INEQUALITY', penaltyWeight: 5, terms: terms({ a: 0.5, b: 0.7, c: 0.4 }), relation: 'LESS_OR_EQUAL', rhs: 1.15 }],
    ['one-hot', { id: 'oh', kind: 'ONE_HOT', penaltyWeight: 4, variables: ['a', 'b', 'c'] }],
    ['at-most-1 (pairwise)', { id: 'am1', kind: 'AT_MOST_K', penaltyWeight: 4, variables: ['a', 'b', 'c', 'd'], k: 1 }],
    ['at-most-2 (slack)', { id: 'am2', kind: 'AT_MOST_K', penaltyWeight: 4, variables: ['a', 'b', 'c', 'd'], k: 2 }],
    ['at-most-0', { id: 'am0', kind: 'AT_MOST_K', penaltyWeight: 4, variables: ['b', 'c'], k: 0 }],
    ['custom penalty', { id: 'cu', kind: 'CUSTOM_PENALTY', penaltyWeight: 2, linear: terms({ a: 1, b: 1 }), quadratic: [{ u: 'a', v: 'b', coefficient: -2 }] }],
  ])('given a %s constraint, when compiled, then energy, evaluation and feasibility agree on every assignment', (_kind, constraint) => {
    expectCompilationConsistent(compileProblem(model(), [constraint]));
  });

  it('given an inequality, when compiled, then its slack bits are named after it and worth 1, 2, …, and a capped last bit', () => {
    // a + b + c + d ≤ 2 with min 0: slack 0..2 → bits worth 1 and 1
    const at = compileProblem(model(), [{ id: 'cap', kind: 'LINEAR_INEQUALITY', penaltyWeight: 1, terms: terms({ a: 1, b: 1, c: 1, d: 1 }), relation: 'LESS_OR_EQUAL', rhs: 2 }]);
    expect(at.slackVariables.map(({ name, index, value }) => [name, index, value])).toEqual([
      ['__slack_cap_0', 4, 1],
      ['__slack_cap_1', 5, 1],
    ]);
    expect(at.variableNames).toEqual(['a', 'b', 'c', 'd', '__slack_cap_0', '__slack_cap_1']);
    // Σ 3x ≤ 10 (scaled range 0..10): 4 bits worth 1, 2, 4 and 3
    const wide = compileProblem(model(), [{ id: 'w', kind: 'LINEAR_INEQUALITY', penaltyWeight: 1, terms: terms({ a: 3, b: 3, c: 3, d: 3 }), relation: 'LESS_OR_EQUAL', rhs: 10 }]);
    expect(wide.slackVariables.map((slack) => slack.value)).toEqual([1, 2, 4, 3]);
  });

  it('given decimal coefficients, when compiled, then the slack moves in steps of the smallest power of ten that makes them integers', () => {
    const problem = compileProblem(model(), [{ id: 'd', kind: 'LINEAR_INEQUALITY', penaltyWeight: 1, terms: terms({ a: 0.25, b: 0.5 }), relation: 'LESS_OR_EQUAL', rhs: 0.6 }]);
    // scale 100, bound floor(60) = 60, range 60 → bits 1, 2, 4, 8, 16, 29 hundredths
    expect(problem.slackVariables.map((slack) => slack.value)).toEqual([0.01, 0.02, 0.04, 0.08, 0.16, 0.29]);
  });

  it('given an inequality every assignment satisfies, when compiled, then it adds neither slack nor penalty', () => {
    const problem = compileProblem(model(), [{ id: 'loose', kind: 'AT_MOST_K', penaltyWeight: 9, variables: ['a', 'b'], k: 2 }]);
    expect(problem.slackVariables).toEqual([]);
    expect(problem.compiled.n).toBe(4);
    expectCompilationConsistent(problem);
  });

  it('given weight 0, when compiled, then slack variables are still allocated so the layout does not depend on the weight', () => {
    const problem = compileProblem(model(), [{ id: 'z', kind: 'AT_MOST_K', penaltyWeight: 0, variables: ['a', 'b', 'c'], k: 2 }]);
    expect(problem.slackVariables).toHaveLength(2);
    expect(problem.compiled.rowPtr[problem.compiled.n]).toBe(2); // only the objective's a–b pair, in both rows
  });

  it('given several constraints on random instances, when compiled, then the invariants hold on every assignment', () => {
    const random = seededRandom(11);
    const names = ['a', 'b', 'c', 'd', 'e'];
    const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
    for (let instance = 0; instance < 8; instance++) {
      const base = parseQuboInput({
        variables: names,
        linear: names.map((variable) => ({ variable, coefficient: int(-5, 5) })),
        quadratic: [0, 1, 2, 3].map(() => ({ u: names[int(0, 4)], v: names[int(0, 4)], coefficient: int(-4, 4) })),
        offset: int(-3, 3),
      });
      const constraints: Constraint[] = [
        { id: 'eq', kind: 'LINEAR_EQUALITY', penaltyWeight: int(1, 5), terms: terms({ a: 1, b: 2, c: 1 }), rhs: int(0, 4) },
        { id: 'le', kind: 'LINEAR_INEQUALITY', penaltyWeight: int(1, 5), terms: terms({ c: int(1, 3), d: int(1, 3), e: -1 }), relation: 'LESS_OR_EQUAL', rhs: int(0, 3) },
        { id: 'oh', kind: 'ONE_HOT', penaltyWeight: int(1, 5), variables: ['a', 'e'] },
        { id: 'cu', kind: 'CUSTOM_PENALTY', penaltyWeight: int(0, 3), quadratic: [{ u: 'b', v: 'd', coefficient: 1 }], offset: 0 },
      ];
      expectCompilationConsistent(compileProblem(base, constraints));
    }
  });

  it('given a model with constraints, when compiled, then the model passed in is left unchanged', () => {
    const objective = model();
    compileProblem(objective, [{ id: 'oh', kind: 'ONE_HOT', penaltyWeight: 4, variables: ['a', 'b'] }]);
    expect(objective.size).toBe(4);
    expect(objective.quadratic(0, 1)).toBe(2);
  });
});

describe('refusing constraints', () => {
  it.each<[string, Constraint, string, RegExp]>([
    ['one-hot over no variables', { id: 'c', kind: 'ONE_HOT', penaltyWeight: 1, variables: [] }, 'constraints[0].variables', /ONE_HOT over no variables can never be satisfied/],
    ['at-most-k with k < 0', { id: 'c', kind: 'AT_MOST_K', penaltyWeight: 1, variables: ['a'], k: -1 }, 'constraints[0].k', /k = -1 can never be satisfied/],
    ['at-most-k with a fractional k', { id: 'c', kind: 'AT_MOST_K', penaltyWeight: 1, variables: ['a'], k: 1.5 }, 'constraints[0].k', /integer/],
    ['an equality above the reachable sums', { id: 'c', kind: 'LINEAR_EQUALITY', penaltyWeight: 1, terms: terms({ a: 1, b: -2 }), rhs: 2 }, 'constraints[0].rhs', /only reaches -2..1/],
    ['an equality below the reachable sums', { id: 'c', kind: 'LINEAR_EQUALITY', penaltyWeight: 1, terms: terms({ a: 1, b: -2 }), rhs: -3 }, 'constraints[0].rhs', /only reaches -2..1/],
    ['an equality off the integer lattice', { id: 'c', kind: 'LINEAR_EQUALITY', penaltyWeight: 1, terms: terms({ a: 2, b: 4 }), rhs: 3 }, 'constraints[0].rhs', /multiple of 2/],
    ['a ≤ below the smallest sum', { id: 'c', kind: 'LINEAR_INEQUALITY', penaltyWeight: 1, terms: terms({ a: 1, b: -2 }), relation: 'LESS_OR_EQUAL', rhs: -3 }, 'constraints[0].rhs', /at least -2/],
    ['a ≥ above the largest sum', { id: 'c', kind: 'LINEAR_INEQUALITY', penaltyWeight: 1, terms: terms({ a: 1, b: 1 }), relation: 'GREATER_OR_EQUAL', rhs: 3 }, 'constraints[0].rhs', /at most 2/],
    ['an unknown variable in terms', { id: 'c', kind: 'LINEAR_EQUALITY', penaltyWeight: 1, terms: terms({ a: 1, zz: 1 }), rhs: 1 }, 'constraints[0].terms[1].variable', /unknown variable "zz"/],
    ['an unknown variable in a one-hot', { id: 'c', kind: 'ONE_HOT', penaltyWeight: 1, variables: ['a', 'q'] }, 'constraints[0].variables[1]', /unknown variable "q"/],
    ['an unknown variable in a custom penalty', { id: 'c', kind: 'CUSTOM_PENALTY', penaltyWeight: 1, quadratic: [{ u: 'a', v: 'nope', coefficient: 1 }] }, 'constraints[0].quadratic[0].v', /unknown variable "nope"/],
    ['a variable listed twice in a one-hot', { id: 'c', kind: 'ONE_HOT', penaltyWeight: 1, variables: ['a', 'a'] }, 'constraints[0].variables[1]', /listed twice/],
    ['a negative penalty weight', { id: 'c', kind: 'ONE_HOT', penaltyWeight: -1, variables: ['a'] }, 'constraints[0].penaltyWeight', /≥ 0, got -1/],
    ['a NaN penalty weight', { id: 'c', kind: 'ONE_HOT', penaltyWeight: NaN, variables: ['a'] }, 'constraints[0].penaltyWeight', /finite number, got NaN/],
    ['an infinite coefficient', { id: 'c', kind: 'LINEAR_EQUALITY', penaltyWeight: 1, terms: terms({ a: Infinity }), rhs: 1 }, 'constraints[0].terms[0].coefficient', /finite/],
    ['an inequality with more than 6 decimals', { id: 'c', kind: 'LINEAR_INEQUALITY', penaltyWeight: 1, terms: terms({ a: 1 / 3, b: 1 }), relation: 'LESS_OR_EQUAL', rhs: 1 }, 'constraints[0].terms', /at most 6 decimal places/],
    ['an unknown kind', { id: 'c', kind: 'parity', penaltyWeight: 1 } as unknown as Constraint, 'constraints[0].kind', /kind must be one of/],
    ['an empty id', { id: ' ', kind: 'ONE_HOT', penaltyWeight: 1, variables: ['a'] }, 'constraints[0].id', /non-empty string/],
  ])('given %s, when compiled, then INVALID_CONSTRAINT names the field', (_case, constraint, field, message) => {
    expect(() => compileProblem(model(), [constraint])).toThrow(expect.objectContaining({ code: 'INVALID_CONSTRAINT', field, message: expect.stringMatching(message) }));
  });

  it('given two constraints with one id, when compiled, then the second is refused', () => {
    const oneHot: Constraint = { id: 'same', kind: 'ONE_HOT', penaltyWeight: 1, variables: ['a', 'b'] };
    expect(() => compileProblem(model(), [oneHot, oneHot])).toThrow(expect.objectContaining({ code: 'INVALID_CONSTRAINT', field: 'constraints[1].id' }));
  });

  it('given slack variables that push the problem over the limit, when compiled, then PROBLEM_TOO_LARGE', () => {
    const constraint: Constraint = { id: 'c', kind: 'AT_MOST_K', penaltyWeight: 1, variables: ['a', 'b', 'c', 'd'], k: 3 };
    expect(() => compileProblem(model(), [constraint], { limits: { maxVariables: 5, maxQuadraticTerms: 100 } })).toThrow(
      expect.objectContaining({ code: 'PROBLEM_TOO_LARGE', message: expect.stringMatching(/with its constraints has 6 variables/) }),
    );
  });
});
