import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataOf, errorCodes } from '../support/gateway-client';
import { createSmallKnapsack } from '../support/small-knapsack';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(120_000);

const PREDICT = `query ($id: ID!, $scenario: JSON!) {
  predictConstraintPerformance(constraintId: $id, scenario: $scenario) {
    constraintId feasibilityProbability expectedViolation expectedObjectiveGap interval { low high confidence } modelId modelVersion scenario
  }
}`;
const TRAIN = 'mutation ($t: ID!) { trainModels(tenantId: $t) { modelId tenantId constraintType version trainedThrough trigger performanceMetrics { trainedOn trainingAccuracy heldOutAccuracy brierScore heldOutSamples positiveShare } evolutionTriggers optimizationParameters lastUpdated } }';
const MODELS = 'query ($t: ID!) { constraintEvolutionModels(tenantId: $t) { modelId version constraintType performanceMetrics { trainedOn } evolutionTriggers } }';

interface Prediction {
  constraintId: string;
  feasibilityProbability: number;
  expectedViolation: number;
  expectedObjectiveGap: number;
  interval: { low: number; high: number; confidence: number };
  modelId: string;
  modelVersion: number;
  scenario: Record<string, unknown>;
}

/** predictConstraintPerformance and trainModels through the gateway: from no model, to too few outcomes, to a model that sees the weight matter. */
describe('constraint performance prediction through the gateway', () => {
  const goliath = useTestPlatform({ env: { SOLVER_WORKERS: '1', EVOLUTION_MODEL_RETRAIN_AFTER: '0' } });
  let tenant: string;
  let analyst: string;
  let problemId: string;
  let constraintId: string;

  const predict = (scenario: unknown, token = analyst, id = constraintId) => goliath.call<{ predictConstraintPerformance: Prediction }>(PREDICT, { id, scenario }, token);
  const setWeight = (penaltyWeight: number) =>
    goliath.call('mutation ($id: ID!, $w: Float!) { updateConstraint(constraintId: $id, newParameters: { penaltyWeight: $w }, evolutionReason: "prediction e2e") { id } }', { id: constraintId, w: penaltyWeight }, analyst);
  const optimize = (seed: number, timeLimitMs = 30) =>
    goliath.call('mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { runId } }', { input: { tenantId: tenant, problemId, timeLimitMs, seed } }, analyst);

  beforeAll(async () => {
    [tenant] = await goliath.createTenants('Acme');
    analyst = await goliath.token('ANALYST', tenant);
    ({ problemId, constraintId } = await createSmallKnapsack(goliath.call, tenant, analyst));
  });

  it('answers EVOLUTION_MODEL_NOT_FOUND, saying to run trainModels, before a model is trained', async () => {
    const response = await predict({ penaltyWeight: 4 });
    expect(errorCodes(response)).toEqual(['EVOLUTION_MODEL_NOT_FOUND']);
    expect(response.errors?.[0].message).toContain(`trainModels(tenantId: "${tenant}")`);
    expect(dataOf(await goliath.call<{ constraintEvolutionModels: unknown[] }>(MODELS, { t: tenant }, analyst)).constraintEvolutionModels).toEqual([]);
  });

  it('refuses to train on too few outcomes, saying how many more are needed', async () => {
    await optimize(1);
    const response = await goliath.call(TRAIN, { t: tenant }, analyst);
    expect(errorCodes(response)).toEqual(['INSUFFICIENT_PERFORMANCE_DATA']);
    expect(response.errors?.[0].extensions).toMatchObject({ needed: 19 });
    expect(response.errors?.[0].message).toContain('19 more needed');
  });

  it('trains on solves at low and high weights, lists the model, keeps its files, and predicts feasibility rising with the weight', async () => {
    // given solves at weights too light to be feasible (0.1, 0.3) and heavy enough (4, 10, 30): 20 outcomes with the one before
    for (let seed = 2; seed <= 4; seed++) dataOf(await optimize(seed));
    for (const weight of [0.3, 4, 10, 30]) {
      dataOf(await setWeight(weight));
      for (let seed = 1; seed <= 4; seed++) dataOf(await optimize(seed, weight >= 4 ? 100 : 30));
    }
    // when the tenant trains its model
    const [model] = dataOf(await goliath.call<{ trainModels: Record<string, unknown>[] }>(TRAIN, { t: tenant }, analyst)).trainModels;
    // then it is the tenant's first, trained on every outcome, with metrics and parameters on record
    expect(model).toMatchObject({ tenantId: tenant, constraintType: 'ALL', version: 1, trigger: 'REQUESTED', evolutionTriggers: [], performanceMetrics: { trainedOn: 20 } });
    expect((model.optimizationParameters as Record<string, unknown>).features).toContain('log2RelativeWeight');
    expect(dataOf(await goliath.call<{ constraintEvolutionModels: unknown[] }>(MODELS, { t: tenant }, analyst)).constraintEvolutionModels).toEqual([
      { modelId: model.modelId, version: 1, constraintType: 'ALL', performanceMetrics: { trainedOn: 20 }, evolutionTriggers: [] },
    ]);
    const directory = join(goliath.dataDir, 'models', 'evolution', tenant, model.modelId as string);
    expect(existsSync(join(directory, 'model.json')) && existsSync(join(directory, 'weights.bin'))).toBe(true);

    // and predictions see the weight: a heavy capacity weight is likelier to be satisfied than a light one
    const heavy = dataOf(await predict({ penaltyWeight: 30 })).predictConstraintPerformance;
    const light = dataOf(await predict({ penaltyWeight: 0.1 })).predictConstraintPerformance;
    expect(heavy.feasibilityProbability).toBeGreaterThan(light.feasibilityProbability);
    expect(heavy.feasibilityProbability).toBeGreaterThan(0.5);
    expect(light.feasibilityProbability).toBeLessThan(0.5);
    expect(light.expectedViolation).toBeGreaterThan(heavy.expectedViolation);
    for (const prediction of [heavy, light]) {
      expect(prediction).toMatchObject({ constraintId, modelId: model.modelId, modelVersion: 1, interval: { confidence: 0.95 } });
      expect(prediction.interval.low).toBeLessThanOrEqual(prediction.feasibilityProbability);
      expect(prediction.interval.high).toBeGreaterThanOrEqual(prediction.feasibilityProbability);
    }
    // what the scenario leaves out comes from the constraint, its problem and its recent solves
    expect(heavy.scenario).toMatchObject({ kind: 'LINEAR_INEQUALITY', penaltyWeight: 30, coefficientScale: 5, variables: 3, density: 0 });
    expect(dataOf(await predict({})).predictConstraintPerformance.scenario).toMatchObject({ penaltyWeight: 30 });
  });

  it('starts evolutions from the weight the model predicts: AGGRESSIVE goes straight to it, BALANCED validates it with shadow solves', async () => {
    // given the capacity back at a weight too low, with two infeasible solves at it
    dataOf(await setWeight(0.1));
    for (let seed = 1; seed <= 2; seed++) dataOf(await optimize(seed));
    const evolve = async (evolutionStrategy: string) =>
      dataOf(
        await goliath.call<{ evolveConstraints: { updates: { newParameters: { penaltyWeight: number }; predictedPerformance: { source: string; feasibilityProbability: number }; evidence: { modelStart?: { modelVersion: number; predictedWeight: number } } }[]; measurements: Record<string, unknown[]> } }>(
          'mutation ($input: EvolveConstraintsInput!) { evolveConstraints(input: $input) { updates { newParameters predictedPerformance { source feasibilityProbability } evidence } measurements } }',
          { input: { tenantId: tenant, constraintIds: [constraintId], evolutionStrategy, dryRun: true } },
          analyst,
        ),
      ).evolveConstraints;
    // when evolved AGGRESSIVE: the predicted weight, on the model's word alone
    const aggressive = await evolve('AGGRESSIVE');
    expect(aggressive.measurements).toEqual({});
    expect(aggressive.updates).toHaveLength(1);
    const [straight] = aggressive.updates;
    expect(straight.predictedPerformance.source).toBe('MODEL');
    expect(straight.predictedPerformance.feasibilityProbability).toBeGreaterThanOrEqual(0.85);
    expect(straight.evidence.modelStart).toMatchObject({ modelVersion: 1, predictedWeight: straight.newParameters.penaltyWeight });
    expect(straight.newParameters.penaltyWeight).toBeGreaterThan(0.1);
    // and BALANCED: from the same start, measured
    const balanced = await evolve('BALANCED');
    expect(Object.values(balanced.measurements)[0][0]).toMatchObject({ weights: { [constraintId]: straight.newParameters.penaltyWeight } });
    expect(balanced.updates[0]).toMatchObject({ predictedPerformance: { source: 'SHADOW_SOLVES' }, evidence: { modelStart: { modelVersion: 1 } } });
  });

  it('refuses a bad scenario with BAD_USER_INPUT naming the key', async () => {
    for (const [scenario, field] of [
      [{ penaltyWeight: -1 }, 'scenario.penaltyWeight'],
      [{ timeLimitMs: 'fast' }, 'scenario.timeLimitMs'],
      [{ density: 2 }, 'scenario.density'],
      [{ colour: 'red' }, 'scenario.colour'],
      [[1, 2], 'scenario'],
    ] as const) {
      const response = await predict(scenario);
      expect({ field, codes: errorCodes(response), extensions: response.errors?.[0].extensions?.field }).toEqual({ field, codes: ['BAD_USER_INPUT'], extensions: field });
    }
  });

  it("keeps another tenant away from the tenant's models and constraints", async () => {
    const [other] = await goliath.createTenants('Globex');
    const outsider = await goliath.token('TENANT_ADMIN', other);
    expect(errorCodes(await predict({ penaltyWeight: 4 }, outsider))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call(TRAIN, { t: tenant }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call(MODELS, { t: tenant }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await predict({ penaltyWeight: 4 }, analyst, '00000000-0000-0000-0000-000000000000'))).toEqual(['NOT_FOUND']);
  });
});
