import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureVector, FEATURE_NAMES, type ConstraintScenario } from './features';
import { loadOutcomeModel, modelDirectory, saveOutcomeModel } from './model-files';
import { DEFAULT_TRAINING_OPTIONS, type OutcomeModel } from './outcome-model';
import { feasibilityAt, feasibilityProbabilities, predictOutcomes, smallestWeightFor } from './predict-outcome';
import { trainOutcomeModel } from './train-outcome-model';
import { SYNTHETIC_THRESHOLDS, syntheticOutcomes } from './test-support/synthetic-outcomes';

jest.setTimeout(60_000);

const ONE_HOT: ConstraintScenario = { kind: 'ONE_HOT', penaltyWeight: 10, coefficientScale: 10, tightness: 1, variables: 20, density: 0.1, timeLimitMs: 100 };

describe('features', () => {
  it('puts the weight relative to the objective on a log scale, the kind one-hot, size and budget on log scales', () => {
    const vector = featureVector({ ...ONE_HOT, penaltyWeight: 40, variables: 16, timeLimitMs: 256 });
    expect(vector).toHaveLength(FEATURE_NAMES.length);
    expect(Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, vector[i]]))).toEqual({
      log2RelativeWeight: 2,
      tightness: 1,
      'kind:LINEAR_EQUALITY': 0,
      'kind:LINEAR_INEQUALITY': 0,
      'kind:ONE_HOT': 1,
      'kind:AT_MOST_K': 0,
      'kind:CUSTOM_PENALTY': 0,
      log2Variables: 4,
      density: 0.1,
      log2TimeLimitMs: 8,
    });
  });

  it('treats a problem without objective terms as the largest relative weight, a zero weight as the smallest, and a custom penalty as tightness 0', () => {
    expect(featureVector({ ...ONE_HOT, coefficientScale: 0 })[0]).toBe(16);
    expect(featureVector({ ...ONE_HOT, penaltyWeight: 0 })[0]).toBe(-16);
    expect(featureVector({ ...ONE_HOT, penaltyWeight: 1e12 })[0]).toBe(16);
    expect(featureVector({ ...ONE_HOT, kind: 'CUSTOM_PENALTY', tightness: null })[1]).toBe(0);
  });
});

describe('the outcome model', () => {
  const samples = syntheticOutcomes(400, 7);
  let model: OutcomeModel;

  beforeAll(async () => {
    model = await trainOutcomeModel(samples, DEFAULT_TRAINING_OPTIONS);
  });

  it('learns a weight threshold per kind from separable outcomes, on solves it never saw too', async () => {
    expect(model.description.metrics).toMatchObject({ trainedOn: 400, heldOutSamples: 80 });
    expect(model.description.metrics.trainingAccuracy).toBeGreaterThan(0.95);
    expect(model.description.metrics.heldOutAccuracy).toBeGreaterThan(0.93);
    expect(model.description.metrics.brierScore).toBeLessThan(0.06);
    const fresh = syntheticOutcomes(200, 99);
    const predicted = await feasibilityProbabilities(model, fresh.map((sample) => sample.scenario));
    const accuracy = predicted.filter((p, i) => p >= 0.5 === fresh[i].satisfied).length / fresh.length;
    expect(accuracy).toBeGreaterThan(0.95);
  });

  it('predicts feasibility rising with the weight, a violation where it fails and an interval around the probability', async () => {
    const [low, high] = await predictOutcomes(model, [
      { ...ONE_HOT, penaltyWeight: 10 * 2 ** -5 },
      { ...ONE_HOT, penaltyWeight: 10 * 2 ** 5 },
    ]);
    expect(low.feasibilityProbability).toBeLessThan(0.1);
    expect(high.feasibilityProbability).toBeGreaterThan(0.9);
    expect(low.expectedViolation).toBeGreaterThan(high.expectedViolation);
    for (const prediction of [low, high]) {
      expect(prediction.interval.low).toBeLessThanOrEqual(prediction.feasibilityProbability);
      expect(prediction.interval.high).toBeGreaterThanOrEqual(prediction.feasibilityProbability);
    }
  });

  it('finds the smallest weight predicted to reach a feasibility threshold, near the one the data has', async () => {
    const weight = await smallestWeightFor(model, ONE_HOT, 0.9);
    expect(weight).not.toBeNull();
    const log2Relative = Math.log2(weight! / ONE_HOT.coefficientScale);
    expect(log2Relative).toBeGreaterThan(SYNTHETIC_THRESHOLDS.ONE_HOT - 0.5);
    expect(log2Relative).toBeLessThan(SYNTHETIC_THRESHOLDS.ONE_HOT + 1.5);
    expect(await feasibilityAt(model, ONE_HOT, weight!)).toBeGreaterThanOrEqual(0.9);
    expect(await smallestWeightFor(model, ONE_HOT, 0.9, { min: 10 * 2 ** -6, max: 10 * 2 ** -4 })).toBeNull();
  });

  it('is a pure function of the samples and the seed', async () => {
    const again = await trainOutcomeModel(samples, DEFAULT_TRAINING_OPTIONS);
    const scenarios = samples.slice(0, 20).map((sample) => sample.scenario);
    expect(await feasibilityProbabilities(again, scenarios)).toEqual(await feasibilityProbabilities(model, scenarios));
    expect(again.description).toEqual(model.description);
  });

  it('saves as model.json and weights.bin and loads back to the same predictions', async () => {
    const root = mkdtempSync(join(tmpdir(), 'goliath-model-'));
    try {
      const directory = modelDirectory(root, 'tenant-1', 'model-1');
      await saveOutcomeModel(model, directory);
      expect(readdirSync(directory).sort()).toEqual(['model.json', 'weights.bin']);
      const loaded = await loadOutcomeModel(directory);
      expect(loaded?.description).toEqual(model.description);
      const scenarios = samples.slice(0, 20).map((sample) => sample.scenario);
      expect(await predictOutcomes(loaded!, scenarios)).toEqual(await predictOutcomes(model, scenarios));
      expect(await loadOutcomeModel(modelDirectory(root, 'tenant-1', 'missing'))).toBeUndefined();
      expect(() => modelDirectory(root, '../escape', 'model-1')).toThrow('cannot name a model folder');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('fits a logistic regression when asked for no hidden layer', async () => {
    const logistic = await trainOutcomeModel(samples.filter((sample) => sample.scenario.kind === 'ONE_HOT'), { ...DEFAULT_TRAINING_OPTIONS, hiddenUnits: 0 });
    expect(logistic.description.metrics.trainingAccuracy).toBeGreaterThan(0.95);
    expect(await feasibilityAt(logistic, ONE_HOT, 10 * 2 ** 4)).toBeGreaterThan(0.9);
  });
});
