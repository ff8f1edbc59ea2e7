import { DEMAND_PREDICTION_CATEGORY, type ResourceDemandPredicted } from '../schema/events';
import {
  DEMAND_PREDICTIONS_COLLECTION,
  SCALING_PREDICTION_MODELS_COLLECTION,
  scalingPredictionModelId,
  type DemandPredictionDocument,
  type ScalingPredictionModelDocument,
} from '../schema/read-models/scaling';
import type { Projection } from './projection';

/** Each demand forecast, and per tenant × resource the model its latest backtest chose (the seed's ScalingPredictionModel). */
export const demandPredictionsProjection: Projection = {
  name: 'demand-predictions',
  collections: [
    { name: DEMAND_PREDICTIONS_COLLECTION, indexes: ['tenantId', 'resourceType', 'generatedAt'] },
    { name: SCALING_PREDICTION_MODELS_COLLECTION, indexes: ['tenantId'] },
  ],
  // The change's audit record travels in the same stream: only the forecasts are folded.
  filter: { categories: [DEMAND_PREDICTION_CATEGORY], eventTypes: ['ResourceDemandPredicted'] },
  handle(recorded, context) {
    const { data } = recorded as unknown as ResourceDemandPredicted;
    const prediction: DemandPredictionDocument = { id: data.predictionId, ...data };
    context.upsert(DEMAND_PREDICTIONS_COLLECTION, prediction);
    const model: ScalingPredictionModelDocument = {
      id: scalingPredictionModelId(data.tenantId, data.resourceType),
      tenantId: data.tenantId,
      resourceType: data.resourceType,
      modelId: data.modelId,
      predictionHorizon: data.horizonHours,
      confidenceInterval: data.intervalCoverage,
      modelParameters: data.modelParameters,
      lastTrained: data.generatedAt,
      accuracyMetrics: data.accuracy,
      predictionId: data.predictionId,
    };
    context.upsert(SCALING_PREDICTION_MODELS_COLLECTION, model);
  },
};
