import { compileProblem, evaluateSolution, graphColouringTemplate } from '../../subgraphs/optimization/model';
import { allAssignments, bruteForceMinimum } from '../../subgraphs/optimization/model/test-support/brute-force';
import { assignmentCosts, assignmentFamily, hungarian } from './assignment-family';
import { colouringData, colouringFamily, minimumCostColouring, type ColouringData } from './colouring-family';
import type { FamilyInstance } from './family';
import { knapsackData, knapsackExact, knapsackFamily } from './knapsack-family';
import { cardinalityPortfolioExact, portfolioData, portfolioFamily, portfolioObjective } from './portfolio-family';
import { staticProviders, withWeights } from './weight-providers';

function* permutations(n: number): IterableIterator<number[]> {
  if (n === 0) {
    yield [];
    return;
  }
  for (const rest of permutations(n - 1)) for (let at = 0; at <= rest.length; at++) yield [...rest.slice(0, at), n - 1, ...rest.slice(at)];
}

function* colourings(n: number, k: number): IterableIterator<number[]> {
  for (let code = 0; code < k ** n; code++) yield Array.from({ length: n }, (_, v) => Math.floor(code / k ** v) % k);
}

const SEEDS = Array.from({ length: 12 }, (_, i) => 31 + i);

describe('exact solvers of the bench:evolution families, against brute force on tiny cases', () => {
  it.each(SEEDS)('knapsack DP (seed %s): the most value that fits, and a packing that reaches it', (seed) => {
    const data = knapsackData(seed, { items: 10, capacityShare: 0.3 + (seed % 5) / 10 });
    let best = -Infinity;
    for (const x of allAssignments(10)) {
      if (x.reduce((sum, xi, i) => sum + xi * data.weights[i], 0) <= data.capacity) best = Math.max(best, x.reduce((sum, xi, i) => sum + xi * data.values[i], 0));
    }
    const exact = knapsackExact(data);
    expect(exact.value).toBe(best);
    expect(exact.take.reduce((sum, xi, i) => sum + xi * data.weights[i], 0)).toBeLessThanOrEqual(data.capacity);
    expect(exact.take.reduce((sum, xi, i) => sum + xi * data.values[i], 0)).toBe(best);
  });

  it('knapsack DP: zero capacity packs nothing; a capacity above every weight packs everything', () => {
    expect(knapsackExact({ values: [3, 4], weights: [1, 2], capacity: 0 })).toEqual({ value: 0, take: [0, 0] });
    expect(knapsackExact({ values: [3, 4], weights: [1, 2], capacity: 10 })).toEqual({ value: 7, take: [1, 1] });
  });

  it.each(SEEDS)('Hungarian method (seed %s): the cheapest permutation of a 6×6 matrix', (seed) => {
    const costs = assignmentCosts(seed, { n: 6, maxCost: seed % 2 ? 9 : 100 });
    const cheapest = Math.min(...[...permutations(6)].map((p) => p.reduce((sum, task, agent) => sum + costs[agent][task], 0)));
    const exact = hungarian(costs);
    expect(exact.cost).toBe(cheapest);
    expect([...exact.taskOf].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('Hungarian method: ties and a 1×1 matrix', () => {
    expect(hungarian([[7]])).toEqual({ cost: 7, taskOf: [0] });
    expect(hungarian([[1, 1], [1, 1]]).cost).toBe(2);
    expect(hungarian([[4, 1, 3], [2, 0, 5], [3, 2, 2]]).cost).toBe(5);
  });

  it.each(SEEDS)('cardinality portfolio (seed %s): the best set of exactly k among all subsets', (seed) => {
    const data = portfolioData(seed, { assets: 10, hold: 2 + (seed % 5), riskAversion: seed % 3 === 0 ? 0 : 0.5 * (seed % 4) });
    let best = Infinity;
    for (const x of allAssignments(10)) {
      const set = x.flatMap((xi, i) => (xi ? [i] : []));
      if (set.length === data.hold) best = Math.min(best, portfolioObjective(data, set));
    }
    const exact = cardinalityPortfolioExact(data);
    expect(exact.assets).toHaveLength(data.hold);
    expect(exact.objective).toBeCloseTo(best, 12);
  });

  it.each(SEEDS)('minimum-cost colouring (seed %s): the cheapest proper colouring among all colourings', (seed) => {
    const data = colouringData(seed, { vertices: 7, colours: 3, edgeProbability: 0.3 + (seed % 4) / 10, maxCost: 10 });
    let best = Infinity;
    for (const colourOf of colourings(7, 3)) {
      if (data.edges.every(([u, v]) => colourOf[u] !== colourOf[v])) best = Math.min(best, colourOf.reduce((sum, c, v) => sum + data.costs[v][c], 0));
    }
    const exact = minimumCostColouring(data);
    expect(exact.cost).toBe(best);
    expect(data.edges.every(([u, v]) => exact.colourOf[u] !== exact.colourOf[v])).toBe(true);
  });

  it('minimum-cost colouring: a triangle with two colours has none', () => {
    const triangle: ColouringData = { vertices: 3, colours: 2, edges: [[0, 1], [1, 2], [0, 2]], costs: [[1, 1], [1, 1], [1, 1]] };
    expect(minimumCostColouring(triangle).cost).toBe(Infinity);
  });
});

describe('graph colouring template', () => {
  const edges = [
    { u: 'a', v: 'b' },
    { u: 'b', v: 'c' },
    { u: 'c', v: 'a' },
    { u: 'c', v: 'd' },
  ];

  it('given a small graph, when the QUBO is enumerated, then its minimum is the cheapest proper colouring', () => {
    const costs = [
      [1, 4, 6],
      [2, 1, 5],
      [1, 2, 3],
      [1, 5, 5],
    ];
    const problem = graphColouringTemplate({ edges, colours: 3, costs });
    expect(problem.model.variableNames.slice(0, 3)).toEqual(['x_a_colour1', 'x_a_colour2', 'x_a_colour3']);
    expect(problem.constraints.map((c) => c.id)).toEqual(['vertex:a', 'vertex:b', 'vertex:c', 'vertex:d', 'edge:a-b', 'edge:b-c', 'edge:c-a', 'edge:c-d']);
    const cheapest = minimumCostColouring({ vertices: 4, colours: 3, edges: [[0, 1], [1, 2], [0, 2], [2, 3]], costs }).cost;
    const compiled = compileProblem(problem.model, problem.constraints);
    const minimum = bruteForceMinimum(compiled.compiled);
    for (const assignment of minimum.assignments) {
      const evaluation = evaluateSolution(compiled, assignment);
      expect(evaluation.feasible).toBe(true);
      expect(evaluation.sourceObjective).toBe(cheapest);
    }
  });

  it('given no costs, then colour c costs c + 1 (the chromatic sum); a repeated edge counts once', () => {
    const problem = graphColouringTemplate({ edges: [...edges, { u: 'b', v: 'a' }], colours: ['red', 'green'] });
    expect(problem.model.linear(problem.model.findIndex('x_a_green')!)).toBe(2);
    expect(problem.constraints.filter((c) => c.kind === 'CUSTOM_PENALTY')).toHaveLength(4);
  });

  it.each([
    ['a loop', { edges: [{ u: 'a', v: 'a' }], colours: 2 }, /loop/],
    ['no colours', { edges, colours: 0 }, /colours must be a positive integer/],
    ['an undeclared vertex', { vertices: ['a', 'b'], edges: [{ u: 'a', v: 'z' }], colours: 2 }, /unknown vertex "z"/],
    ['costs of the wrong shape', { edges, colours: 2, costs: [[1, 2]] }, /costs must have 4 entries/],
  ])('given %s, when built, then INVALID_TEMPLATE_INPUT', (_case, input, message) => {
    expect(() => graphColouringTemplate(input)).toThrow(expect.objectContaining({ code: 'INVALID_TEMPLATE_INPUT', message: expect.stringMatching(message) }));
  });
});

describe('bench:evolution families', () => {
  const families = [
    knapsackFamily({ items: 8, capacityShare: 0.4 }),
    assignmentFamily({ n: 3, maxCost: 9 }),
    portfolioFamily({ assets: 8, hold: 3, riskAversion: 0.5 }),
    colouringFamily({ vertices: 5, colours: 3, edgeProbability: 0.5, maxCost: 9 }),
  ];

  it.each(families.map((f) => [f.family, f] as const))('%s: the same seed gives the same instance, another seed another', (_name, family) => {
    const a = family.generate(11);
    const b = family.generate(11);
    expect(b.optimum).toEqual(a.optimum);
    expect(b.constraints).toEqual(a.constraints);
    expect([...b.model.quadraticTerms()]).toEqual([...a.model.quadraticTerms()]);
    expect(family.generate(12).optimum).not.toEqual(a.optimum);
  });

  it.each(families.map((f) => [f.family, f] as const))(
    '%s: the optimal assignment is feasible, its objective is the stated optimum, and no feasible assignment is better',
    (_name, family) => {
      const instance: FamilyInstance = family.generate(5);
      const compiled = compileProblem(instance.model, withWeights(instance, staticProviders()[0].weightsFor(instance) as ReadonlyMap<string, number>));
      const stated = evaluateSolution(compiled, instance.optimum.assignment);
      expect(stated.feasible).toBe(true);
      expect(stated.objective).toBeCloseTo(instance.optimum.objective, 9);
      expect(stated.sourceObjective).toBeCloseTo(instance.optimum.sourceObjective, 9);
      if (instance.n <= 16) {
        let best = Infinity;
        for (const x of allAssignments(instance.n)) {
          const evaluation = evaluateSolution(compiled, x);
          if (evaluation.feasible) best = Math.min(best, evaluation.objective);
        }
        expect(best).toBeCloseTo(instance.optimum.objective, 9);
      }
    },
  );

  it('the static providers give every constraint a positive weight', () => {
    for (const family of families) {
      const instance = family.generate(3);
      for (const provider of staticProviders()) {
        const weights = provider.weightsFor(instance) as ReadonlyMap<string, number>;
        expect(instance.constraints.every((c) => (weights.get(c.id) ?? 0) > 0)).toBe(true);
      }
    }
  });
});
