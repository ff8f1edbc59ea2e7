import { compiledQuboEnergy } from './compiled-qubo-builder';
import { compileProblem } from './compile-problem';
import type { Constraint } from './constraints/constraint';
import { evaluateSolution } from './evaluate-solution';
import { parseQuboInput } from './input/qubo-input';
import { seededRandom } from './test-support/brute-force';

const objective = parseQuboInput({
  variables: ['a', 'b', 'c'],
  linear: [
    { variable: 'a', coefficient: -1 },
    { variable: 'b', coefficient: -2 },
    { variable: 'c', coefficient: -3 },
  ],
  offset: 1,
  sense: 'MINIMIZE',
});
const constraints: Constraint[] = [
  { id: 'pick-one', kind: 'ONE_HOT', penaltyWeight: 10, variables: ['a', 'b', 'c'] },
  { id: 'budget', kind: 'LINEAR_INEQUALITY', penaltyWeight: 2, terms: [{ variable: 'b', coefficient: 2 }, { variable: 'c', coefficient: 3 }], relation: 'LESS_OR_EQUAL', rhs: 2 },
];
const problem = compileProblem(objective, constraints);

describe('evaluating a solution', () => {
  it('given a feasible assignment, when evaluated, then it reports the objective, zero penalties and feasibility', () => {
    const result = evaluateSolution(problem, [0, 1, 0]);
    expect(result.objective).toBe(-1);
    expect(result.sourceObjective).toBe(-1);
    expect(result.constraints).toEqual([
      { id: 'pick-one', kind: 'ONE_HOT', penaltyWeight: 10, penalty: 0, violation: 0, satisfied: true },
      { id: 'budget', kind: 'LINEAR_INEQUALITY', penaltyWeight: 2, penalty: 0, violation: 0, satisfied: true },
    ]);
    expect(result.feasible).toBe(true);
    expect(result.energy).toBe(-1);
    expect(compiledQuboEnergy(problem.compiled, result.assignment)).toBeCloseTo(-1, 9);
  });

  it('given an infeasible assignment, when evaluated with slack optimised out, then each violation is in its own units', () => {
    const result = evaluateSolution(problem, [0, 1, 1]);
    expect(result.objective).toBe(-4);
    const [pickOne, budget] = result.constraints;
    expect(pickOne).toMatchObject({ violation: 1, penalty: 10, satisfied: false }); // two set: |2 − 1|
    expect(budget).toMatchObject({ violation: 3, penalty: 2 * 9, satisfied: false }); // 5 > 2 by 3; best slack 0
    expect(result.feasible).toBe(false);
    expect(result.energy).toBe(-4 + 10 + 18);
    expect(compiledQuboEnergy(problem.compiled, result.assignment)).toBeCloseTo(result.energy, 9);
  });

  it('given slack values, when evaluated, then they are used as given rather than optimised', () => {
    // a alone: Σ = 0 ≤ 2, best slack 2 (bits 1,1); slack 0 instead leaves (0 + 0 − 2)² = 4
    const full = [1, 0, 0, ...problem.slackVariables.map(() => 0)];
    const result = evaluateSolution(problem, full);
    expect(result.constraints[1]).toMatchObject({ violation: 0, satisfied: true, penalty: 2 * 4 });
    expect(result.energy).toBeCloseTo(compiledQuboEnergy(problem.compiled, full), 9);
  });

  it('given values by name, when evaluated, then slack is optimised unless every slack variable is named', () => {
    expect(evaluateSolution(problem, { a: 1, b: 0, c: 0 }).energy).toBe(0);
    const slack = Object.fromEntries(problem.slackVariables.map((s) => [s.name, 0]));
    expect(evaluateSolution(problem, { a: 1, b: 0, c: 0, ...slack }).totalPenalty).toBe(8);
  });

  it('given a maximisation source, when evaluated, then the source objective is reported in its own sense', () => {
    const maximise = parseQuboInput({ variables: ['x'], linear: [{ variable: 'x', coefficient: 5 }], sense: 'MAXIMIZE' });
    expect(evaluateSolution(compileProblem(maximise), [1])).toMatchObject({ objective: -5, sourceObjective: 5 });
  });

  it.each<[string, Parameters<typeof evaluateSolution>[1], RegExp]>([
    ['a value that is not 0 or 1', [0, 2, 0], /"b" must be 0 or 1, got 2/],
    ['the wrong number of values', [0, 1], /has 2 values; expected 3 .* or 5/],
    ['an unknown name', { a: 1, b: 0, c: 0, z: 1 }, /unknown variable "z"/],
    ['a missing user variable', { a: 1, b: 0 }, /"c" has no value/],
    ['only part of the slack', { a: 1, b: 0, c: 0, __slack_budget_0: 1 }, /every slack variable or none \(1 of 2/],
  ])('given %s, when evaluated, then INVALID_ASSIGNMENT', (_case, assignment, message) => {
    expect(() => evaluateSolution(problem, assignment)).toThrow(expect.objectContaining({ code: 'INVALID_ASSIGNMENT', message: expect.stringMatching(message) }));
  });

  it('given random instances with every kind of constraint, when random full assignments are evaluated, then the energy equals the compiled QUBO energy', () => {
    const random = seededRandom(2024);
    const n = 30;
    const names = Array.from({ length: n }, (_, i) => `v${i}`);
    const pick = () => names[Math.floor(random() * n)];
    const coefficient = () => Math.round((random() - 0.5) * 200) / 10;
    for (let instance = 0; instance < 10; instance++) {
      const model = parseQuboInput({
        variables: names,
        linear: names.map((variable) => ({ variable, coefficient: coefficient() })),
        quadratic: Array.from({ length: 60 }, () => ({ u: pick(), v: pick(), coefficient: coefficient() })),
        offset: coefficient(),
      });
      const group = (size: number) => [...new Set(Array.from({ length: size }, pick))];
      const weight = () => 0.5 + random() * 10;
      const compiled = compileProblem(model, [
        { id: 'eq', kind: 'LINEAR_EQUALITY', penaltyWeight: weight(), terms: group(6).map((variable) => ({ variable, coefficient: coefficient() })), rhs: 0 },
        { id: 'le', kind: 'LINEAR_INEQUALITY', penaltyWeight: weight(), terms: group(8).map((variable) => ({ variable, coefficient: Math.abs(coefficient()) + 0.1 })), relation: 'LESS_OR_EQUAL', rhs: 12.5 },
        { id: 'ge', kind: 'LINEAR_INEQUALITY', penaltyWeight: weight(), terms: group(5).map((variable) => ({ variable, coefficient: Math.round(Math.abs(coefficient())) + 1 })), relation: 'GREATER_OR_EQUAL', rhs: 3 },
        { id: 'oh', kind: 'ONE_HOT', penaltyWeight: weight(), variables: group(5) },
        { id: 'k1', kind: 'AT_MOST_K', penaltyWeight: weight(), variables: group(6), k: 1 },
        { id: 'k3', kind: 'AT_MOST_K', penaltyWeight: weight(), variables: group(9), k: 3 },
        { id: 'cu', kind: 'CUSTOM_PENALTY', penaltyWeight: weight(), quadratic: [{ u: pick(), v: pick(), coefficient: 2 }], linear: [{ variable: pick(), coefficient: -1 }], offset: 1 },
      ]);
      for (let trial = 0; trial < 50; trial++) {
        const full = compiled.variableNames.map(() => (random() < 0.5 ? 1 : 0));
        const evaluation = evaluateSolution(compiled, full);
        const energy = compiledQuboEnergy(compiled.compiled, full);
        expect(Math.abs(evaluation.energy - energy)).toBeLessThan(1e-7 * Math.max(1, Math.abs(energy)));
        const optimised = evaluateSolution(compiled, full.slice(0, n));
        expect(optimised.energy).toBeLessThanOrEqual(evaluation.energy + 1e-7 * Math.max(1, Math.abs(energy)));
        expect(compiledQuboEnergy(compiled.compiled, optimised.assignment)).toBeCloseTo(optimised.energy, 6);
      }
    }
  });
});
