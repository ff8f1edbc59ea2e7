import { searchWeights, type Evaluate, type SearchSettings, type Weights } from './weight-search';

/** A stand-in for shadow solves: a constraint holds once its weight reaches what it needs; heavier weights cost objective. */
function thresholdEvaluator(needs: Readonly<Record<string, number>>, objectiveOf: (weights: Weights) => number = (weights) => Object.values(weights).reduce((a, b) => a + b, 0)): Evaluate {
  return async (weights) => {
    const feasibilityRates = Object.fromEntries(Object.keys(weights).map((id) => [id, weights[id] >= needs[id] ? 1 : 0]));
    const allHold = Object.values(feasibilityRates).every((rate) => rate === 1);
    return { weights, feasibilityRates, meanFeasibleObjective: allHold ? objectiveOf(weights) : null, solves: 4 };
  };
}

const settings = (overrides: Partial<SearchSettings> = {}): SearchSettings => ({ threshold: 0.85, step: 2, maxEvaluations: 12, refineSteps: 0, lowerWhenSatisfied: [], ...overrides });

describe('searchWeights', () => {
  it('raises a constraint below the threshold until it holds, keeping the others', async () => {
    // given a capacity weight of 0.1 that needs 1.5, and a one-hot that already holds
    const result = await searchWeights({ capacity: 0.1, oneHot: 4 }, thresholdEvaluator({ capacity: 1.5, oneHot: 1 }), settings());
    // then the capacity weight doubles until it holds: 0.1 → 0.2 → 0.4 → 0.8 → 1.6
    expect(result.chosen.weights).toEqual({ capacity: 1.6, oneHot: 4 });
    expect(result.unmet).toEqual([]);
    expect(result.evaluations.map((evaluation) => evaluation.weights.capacity)).toEqual([0.1, 0.2, 0.4, 0.8, 1.6]);
  });

  it('refines towards the smallest weight that holds', async () => {
    const result = await searchWeights({ capacity: 0.1 }, thresholdEvaluator({ capacity: 1.5 }), settings({ refineSteps: 2 }));
    // 0.8 fails, 1.6 holds; √(0.8·1.6) ≈ 1.13 fails; √(1.13·1.6) ≈ 1.35 fails: 1.6 stays the smallest that holds
    expect(result.chosen.weights.capacity).toBeCloseTo(1.6);
    const finer = await searchWeights({ capacity: 0.1 }, thresholdEvaluator({ capacity: 1.0 }), settings({ refineSteps: 2 }));
    // 0.8 fails, 1.6 holds; √(0.8·1.6) ≈ 1.13 holds; √(0.8·1.13) ≈ 0.95 fails: 1.13
    expect(finer.chosen.weights.capacity).toBeCloseTo(Math.sqrt(0.8 * 1.6));
  });

  it('lowers an always-satisfied constraint while the objective gains and everything still holds', async () => {
    const result = await searchWeights({ oneHot: 16 }, thresholdEvaluator({ oneHot: 3 }), settings({ lowerWhenSatisfied: ['oneHot'] }));
    expect(result.chosen.weights).toEqual({ oneHot: 4 });
  });

  it('reports constraints that cannot hold within the budget, and keeps the best vector measured', async () => {
    // given a constraint that never holds, whatever its weight
    const result = await searchWeights({ capacity: 1, oneHot: 1 }, thresholdEvaluator({ capacity: Number.POSITIVE_INFINITY, oneHot: 2 }), settings({ maxEvaluations: 4 }));
    expect(result.evaluations).toHaveLength(4);
    expect(result.unmet).toEqual(['capacity']);
    // the one-hot reached its target at 2 and is kept there: no vector measured worse than the start is chosen
    expect(result.chosen.feasibilityRates.oneHot).toBe(1);
  });

  it('never chooses a vector meeting fewer constraints than the start', async () => {
    // raising capacity breaks the one-hot (competing constraints): the start meets one, every raise meets none
    const competing: Evaluate = async (weights) => ({
      weights,
      feasibilityRates: { capacity: 0, oneHot: weights.capacity > 1 ? 0 : 1 },
      meanFeasibleObjective: null,
      solves: 4,
    });
    const result = await searchWeights({ capacity: 1, oneHot: 1 }, competing, settings({ maxEvaluations: 3 }));
    expect(result.chosen.weights).toEqual({ capacity: 1, oneHot: 1 });
    expect(result.unmet).toEqual(['capacity']);
  });

  it('lowers only for a gain beyond the noise tolerance, and keeps the vector it accepted', async () => {
    // every halving gains 0.05% of objective: within a 0.1% tolerance, so 16 stays
    const flat = thresholdEvaluator({ oneHot: 1 }, (weights) => -1000 - weights.oneHot / 32);
    const result = await searchWeights({ oneHot: 16 }, flat, settings({ lowerWhenSatisfied: ['oneHot'], objectiveTolerance: 0.001 }));
    expect(result.chosen.weights).toEqual({ oneHot: 16 });
  });

  it('measures each weight vector once', async () => {
    let solves = 0;
    const counting: Evaluate = async (weights) => {
      solves += 1;
      return thresholdEvaluator({ capacity: 1.5 })(weights);
    };
    // raise 0.1 → 1.6, refine to √(0.8·1.6), then try lowering from there: no vector twice
    const result = await searchWeights({ capacity: 0.1 }, counting, settings({ refineSteps: 2, lowerWhenSatisfied: ['capacity'] }));
    const distinct = new Set(result.evaluations.map((evaluation) => JSON.stringify(evaluation.weights)));
    expect(solves).toBe(distinct.size);
    expect(result.evaluations).toHaveLength(distinct.size);
  });
});
