import { compileProblem } from '../compile-problem';
import { evaluateSolution } from '../evaluate-solution';
import { allAssignments, bruteForceMinimum } from '../test-support/brute-force';
import { assignmentTemplate } from './assignment';
import { knapsackTemplate } from './knapsack';
import { maxCutTemplate } from './max-cut';
import { portfolioTemplate } from './portfolio';
import type { TemplateProblem } from './template-result';

/**
 * Compiles the template and enumerates the whole QUBO (slack included): every minimum-energy
 * assignment must be feasible and reach `domainOptimum` (in the source's sense), the value a
 * direct enumeration of the domain problem gives.
 */
function expectQuboMinimumIsDomainOptimum(problem: TemplateProblem, domainOptimum: number): void {
  const compiled = compileProblem(problem.model, problem.constraints);
  const minimum = bruteForceMinimum(compiled.compiled);
  expect(minimum.assignments.length).toBeGreaterThan(0);
  for (const assignment of minimum.assignments) {
    const evaluation = evaluateSolution(compiled, assignment);
    expect(evaluation.feasible).toBe(true);
    expect(evaluation.sourceObjective).toBeCloseTo(domainOptimum, 9);
    expect(evaluation.energy).toBeCloseTo(minimum.energy, 9);
  }
}

const returns = [0.12, 0.1, 0.07, 0.15, 0.09];
const covariance = [
  [0.1, 0.02, 0.01, 0.05, 0.0],
  [0.02, 0.08, 0.01, 0.03, 0.01],
  [0.01, 0.01, 0.03, 0.0, 0.01],
  [0.05, 0.03, 0.0, 0.2, 0.02],
  [0.0, 0.01, 0.01, 0.02, 0.05],
];

function markowitz(x: number[], lambda: number): number {
  let risk = 0;
  for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) risk += x[i] * x[j] * covariance[i][j];
  return lambda * risk - x.reduce((sum, xi, i) => sum + xi * returns[i], 0);
}

function bestOf(n: number, feasible: (x: number[]) => boolean, value: (x: number[]) => number, sense: 'min' | 'max'): number {
  const values = [...allAssignments(n)].filter(feasible).map(value);
  return sense === 'min' ? Math.min(...values) : Math.max(...values);
}

describe('portfolio template (Markowitz)', () => {
  it.each([0, 0.5, 3])('given a budget of exactly 2 assets and λ = %s, when the QUBO is enumerated, then its minimum is the best 2-asset portfolio', (lambda) => {
    const problem = portfolioTemplate({ expectedReturns: returns, covariance, riskAversion: lambda, budget: 2 });
    expect(problem.model.variableNames).toEqual(['asset1', 'asset2', 'asset3', 'asset4', 'asset5']);
    const optimum = bestOf(5, (x) => x.reduce((a, b) => a + b) === 2, (x) => markowitz(x, lambda), 'min');
    expectQuboMinimumIsDomainOptimum(problem, optimum);
  });

  it('given a cardinality of at most 3 assets, when the QUBO is enumerated, then its minimum is the best portfolio of at most 3', () => {
    const problem = portfolioTemplate({ expectedReturns: returns, covariance, riskAversion: 0.1, maxAssets: 3 });
    const optimum = bestOf(5, (x) => x.reduce((a, b) => a + b) <= 3, (x) => markowitz(x, 0.1), 'min');
    expectQuboMinimumIsDomainOptimum(problem, optimum);
  });

  it('given a cardinality of at most 1 asset, when compiled, then the pairwise penalty needs no slack', () => {
    const problem = portfolioTemplate({ expectedReturns: returns, covariance, riskAversion: 0.1, maxAssets: 1 });
    expect(compileProblem(problem.model, problem.constraints).slackVariables).toEqual([]);
    expectQuboMinimumIsDomainOptimum(problem, bestOf(5, (x) => x.reduce((a, b) => a + b) <= 1, (x) => markowitz(x, 0.1), 'min'));
  });

  it.each([
    ['an asymmetric covariance', { covariance: covariance.map((row, i) => row.map((v, j) => (i === 0 && j === 1 ? 0.5 : v))) }, /symmetric/],
    ['a covariance of the wrong size', { covariance: covariance.slice(1) }, /covariance must have 5 entries/],
    ['a negative risk aversion', { riskAversion: -1 }, /riskAversion must be ≥ 0/],
    ['a budget beyond the assets', { budget: 6 }, /budget must be an integer within 1..5/],
    ['duplicate asset names', { assets: ['a', 'b', 'a', 'c', 'd'] }, /"a" is listed twice/],
  ])('given %s, when built, then INVALID_TEMPLATE_INPUT', (_case, change, message) => {
    expect(() => portfolioTemplate({ expectedReturns: returns, covariance, riskAversion: 1, ...change })).toThrow(
      expect.objectContaining({ code: 'INVALID_TEMPLATE_INPUT', message: expect.stringMatching(message) }),
    );
  });
});

describe('Max-Cut template', () => {
  it('given a weighted graph, when the QUBO is enumerated, then its minimum is the maximum cut', () => {
    const edges = [
      { u: 'a', v: 'b', weight: 3 },
      { u: 'b', v: 'c' },
      { u: 'c', v: 'd', weight: 2 },
      { u: 'd', v: 'a' },
      { u: 'a', v: 'c', weight: -1 },
      { u: 'b', v: 'e', weight: 2 },
    ];
    const problem = maxCutTemplate({ edges });
    expect(problem.model.variableNames).toEqual(['a', 'b', 'c', 'd', 'e']);
    const names = problem.model.variableNames;
    const cut = (x: number[]) => edges.reduce((sum, e) => sum + (x[names.indexOf(e.u)] !== x[names.indexOf(e.v)] ? (e.weight ?? 1) : 0), 0);
    expectQuboMinimumIsDomainOptimum(problem, bestOf(5, () => true, cut, 'max'));
  });

  it('given declared vertices, when an edge names another, then INVALID_TEMPLATE_INPUT', () => {
    expect(() => maxCutTemplate({ vertices: ['a', 'b'], edges: [{ u: 'a', v: 'z' }] })).toThrow(expect.objectContaining({ code: 'INVALID_TEMPLATE_INPUT', field: 'edges[0].v' }));
  });
});

describe('knapsack template', () => {
  const values = [10, 13, 7, 8];
  const weights = [5, 6, 3, 4];
  const bestPacked = (capacity: number, w: number[]) =>
    bestOf(4, (x) => x.reduce((sum, xi, i) => sum + xi * w[i], 0) <= capacity, (x) => x.reduce((sum, xi, i) => sum + xi * values[i], 0), 'max');

  it.each([0, 7, 9, 12])('given capacity %s, when the QUBO is enumerated, then its minimum packs the most value that fits', (capacity) => {
    expectQuboMinimumIsDomainOptimum(knapsackTemplate({ values, weights, capacity }), bestPacked(capacity, weights));
  });

  it('given decimal weights, when the QUBO is enumerated, then the scaled slack and weight still give the optimum', () => {
    const decimal = [2.5, 3, 1.5, 2];
    expectQuboMinimumIsDomainOptimum(knapsackTemplate({ values, weights: decimal, capacity: 4.5 }), bestPacked(4.5, decimal));
  });

  it('given a negative weight, when built, then INVALID_TEMPLATE_INPUT', () => {
    expect(() => knapsackTemplate({ values, weights: [1, -1, 1, 1], capacity: 3 })).toThrow(expect.objectContaining({ code: 'INVALID_TEMPLATE_INPUT', field: 'weights[1]' }));
  });
});

describe('assignment template', () => {
  const costs = [
    [4, 1, 3],
    [2, 0, 5],
    [3, 2, 2],
  ];

  it('given a 3×3 cost matrix, when the QUBO is enumerated, then its minimum is the cheapest permutation', () => {
    const problem = assignmentTemplate({ costs });
    expect(problem.constraints.map((c) => c.id)).toEqual(['agent:agent1', 'agent:agent2', 'agent:agent3', 'task:task1', 'task:task2', 'task:task3']);
    const permutations = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    const cheapest = Math.min(...permutations.map((p) => p.reduce((sum, t, a) => sum + costs[a][t], 0)));
    expectQuboMinimumIsDomainOptimum(problem, cheapest);
  });

  it('given names, when built, then variables read x_<agent>_<task>', () => {
    const problem = assignmentTemplate({ costs: [[1, 2], [3, 4]], agents: ['ann', 'bob'], tasks: ['cook', 'wash'] });
    expect(problem.model.variableNames).toEqual(['x_ann_cook', 'x_ann_wash', 'x_bob_cook', 'x_bob_wash']);
  });

  it('given a non-square matrix, when built, then INVALID_TEMPLATE_INPUT names the row', () => {
    expect(() => assignmentTemplate({ costs: [[1, 2], [3]] })).toThrow(expect.objectContaining({ code: 'INVALID_TEMPLATE_INPUT', field: 'costs[1]' }));
  });
});
