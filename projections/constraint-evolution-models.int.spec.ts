import { evolutionModelStreamId, type EvolutionModelEvent, type EvolutionModelTrainedData } from '../schema/events';
import { CONSTRAINT_EVOLUTION_MODELS_COLLECTION } from '../schema/read-models/constraint-evolution-models';
import { describeProjection, stream } from '../test/support/projection-spec';
import { constraintEvolutionModelsProjection } from './constraint-evolution-models';

describeProjection(constraintEvolutionModelsProjection, (spec) => {
  const models = stream<EvolutionModelEvent>(evolutionModelStreamId('acme'), 'acme', { actor: 'ada' });
  const trained = (modelVersion: number, modelId: string, trainedAt: string, overrides: Partial<EvolutionModelTrainedData> = {}) =>
    models({
      type: 'EvolutionModelTrained',
      data: {
        modelId,
        tenantId: 'acme',
        modelVersion,
        constraintType: 'ALL',
        trainedOn: 20 * modelVersion,
        trainedThrough: trainedAt,
        features: ['log2RelativeWeight', 'tightness'],
        metrics: { trainingAccuracy: 0.9, heldOutAccuracy: 0.85, brierScore: 0.1, heldOutSamples: 4, positiveShare: 0.5 },
        parameters: { hiddenUnits: 8, epochs: 300 },
        trigger: 'REQUESTED',
        trainedAt,
        ...overrides,
      },
    });

  it("keeps the tenant's newest model, with its metrics, parameters and features", () =>
    spec
      .given(trained(1, 'm1', '2026-12-01T09:00:00.000Z'))
      .when(trained(2, 'm2', '2026-12-01T10:00:00.000Z', { trigger: 'NEW_OUTCOMES' }))
      .then({
        [CONSTRAINT_EVOLUTION_MODELS_COLLECTION]: [
          {
            id: 'acme:ALL',
            tenantId: 'acme',
            modelId: 'm2',
            constraintType: 'ALL',
            version: 2,
            performanceMetrics: { trainedOn: 40, trainingAccuracy: 0.9, heldOutAccuracy: 0.85, brierScore: 0.1, heldOutSamples: 4, positiveShare: 0.5 },
            evolutionTriggers: [],
            optimizationParameters: { hiddenUnits: 8, epochs: 300, features: ['log2RelativeWeight', 'tightness'] },
            trainedOn: 40,
            trainedThrough: '2026-12-01T10:00:00.000Z',
            trigger: 'NEW_OUTCOMES',
            lastUpdated: '2026-12-01T10:00:00.000Z',
          },
        ],
      }));
});
