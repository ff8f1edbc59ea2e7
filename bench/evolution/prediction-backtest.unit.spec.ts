import { knapsackFamily } from './knapsack-family';
import { formatPredictionBacktest, runPredictionBacktest } from './prediction-backtest';

jest.setTimeout(60_000);

describe('the prediction backtest', () => {
  it('trains on solves at a spread of weights and scores predictions on held-out instances at other weights', async () => {
    const result = await runPredictionBacktest({
      families: [knapsackFamily({ items: 6, capacityShare: 0.4 })],
      trainingInstances: 2,
      heldOutInstances: 1,
      trainingWeights: [1 / 64, 1 / 16, 4, 16],
      heldOutWeights: [1 / 32, 8],
      timeLimitMs: 10,
      training: { hiddenUnits: 8, epochs: 100, learningRate: 0.05, l2: 1e-3, seed: 1, heldOutShare: 0.2 },
    });
    expect(result).toMatchObject({ samples: 2, trainingSamples: 8, families: [{ family: 'knapsack', samples: 2, trainingSamples: 8, solves: 2 }] });
    expect(result.accuracy).toBeGreaterThanOrEqual(0);
    expect(result.brierScore).toBeLessThanOrEqual(1);
    expect(result.calibration.reduce((sum, bin) => sum + bin.count, 0)).toBe(2);
    expect(formatPredictionBacktest(result)).toContain('knapsack');
  });
});
