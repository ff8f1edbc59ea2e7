import { compileFromTerms, energyOf } from './compiled-qubo';
import { solveMultiObjective } from './multi-objective';
import { dominates, paretoFront, simplexWeights } from './pareto-front';

describe('Pareto helpers', () => {
  it('given points, when filtered, then only non-dominated ones remain, each once', () => {
    const points = [[1, 5], [2, 2], [3, 3], [5, 1], [2, 2], [1, 6]];
    expect(paretoFront(points, (p) => p)).toEqual([[1, 5], [2, 2], [5, 1]]);
    expect(dominates([1, 1], [1, 2])).toBe(true);
    expect(dominates([1, 2], [1, 2])).toBe(false);
  });

  it('given 2 objectives and 4 divisions, when spread, then 5 weight vectors summing to 1', () => {
    expect(simplexWeights(2, 4)).toEqual([[1, 0], [0.75, 0.25], [0.5, 0.5], [0.25, 0.75], [0, 1]]);
    expect(simplexWeights(3, 2)).toHaveLength(6);
  });
});

describe('solveMultiObjective', () => {
  // Four items: "cost" prefers taking nothing, "value" (negated, minimised) prefers taking all.
  const n = 4;
  const costs = [1, 2, 3, 4];
  const gains = [4, 1, 5, 2];
  const cost = compileFromTerms(n, costs, [{ i: 0, j: 1, value: 1 }]);
  const value = compileFromTerms(n, gains.map((g) => -g), []);

  function bruteForceFront(): string[] {
    const all: { key: string; v: number[] }[] = [];
    for (let mask = 0; mask < 1 << n; mask++) {
      const x = Array.from({ length: n }, (_, i) => (mask >> i) & 1);
      all.push({ key: `${energyOf(cost, x)},${energyOf(value, x)}`, v: [energyOf(cost, x), energyOf(value, x)] });
    }
    return [...new Set(paretoFront(all, (p) => p.v).map((p) => p.key))].sort();
  }

  it('given two conflicting objectives, when solved with a spread of weights, then every returned point is on the true front and the weighted best is optimal', async () => {
    const result = await solveMultiObjective(
      [{ name: 'cost', qubo: cost, weight: 1 }, { name: 'value', qubo: value, weight: 1 }],
      { strategy: 'TABU', seed: 1, restarts: 2, divisions: 8, numSamples: 16 },
    );
    const truth = new Set(bruteForceFront());
    const found = result.front.map((p) => `${p.objectives.cost},${p.objectives.value}`);
    for (const point of found) expect(truth.has(point)).toBe(true);
    expect(found.length).toBeGreaterThanOrEqual(3);
    let bestWeighted = Infinity;
    for (let mask = 0; mask < 1 << n; mask++) {
      const x = Array.from({ length: n }, (_, i) => (mask >> i) & 1);
      bestWeighted = Math.min(bestWeighted, energyOf(cost, x) + energyOf(value, x));
    }
    expect(result.weightedBest.weightedEnergy).toBe(bestWeighted);
    expect(result.weightVectors).toHaveLength(10);
  });
});
