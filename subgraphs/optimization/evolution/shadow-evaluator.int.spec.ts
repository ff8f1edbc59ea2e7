import { DEFAULT_MODEL_LIMITS, knapsackTemplate } from '../model';
import { shadowEvaluator } from './shadow-evaluator';

/** Values 5, 4, 3; weights 4, 3, 2; capacity 5. */
const knapsack = knapsackTemplate({ values: [5, 4, 3], weights: [4, 3, 2], capacity: 5, penaltyWeight: 1 });

describe('shadowEvaluator on the real engine', () => {
  const evaluate = shadowEvaluator({ model: knapsack.model, constraints: knapsack.constraints, limits: DEFAULT_MODEL_LIMITS, strategy: 'TABU', timeLimitMs: 100, seeds: [1, 2, 3], workers: 1 });

  it('measures a weight too low as infeasible and a sufficient one as feasible', async () => {
    const tooLow = await evaluate({ capacity: 0.1 });
    expect(tooLow).toEqual({ weights: { capacity: 0.1 }, feasibilityRates: { capacity: 0 }, meanFeasibleObjective: null, solves: 3 });
    const enough = await evaluate({ capacity: 2 });
    // At 2 the best packing has the lowest energy; a solver starved of CPU may still miss it in one of the seeds.
    expect(enough).toMatchObject({ weights: { capacity: 2 }, solves: 3 });
    expect(enough.feasibilityRates.capacity).toBeGreaterThan(0);
    // Feasible packings are worth 3 to 7 (the best, items 2 and 3); the objective is in minimisation form.
    expect(enough.meanFeasibleObjective).toBeGreaterThanOrEqual(-7);
    expect(enough.meanFeasibleObjective).toBeLessThanOrEqual(-3);
  });
});
