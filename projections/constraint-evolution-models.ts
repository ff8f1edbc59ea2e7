import { EVOLUTION_MODEL_CATEGORY, type EvolutionModelTrained } from '../schema/events';
import { CONSTRAINT_EVOLUTION_MODELS_COLLECTION, type ConstraintEvolutionModelDocument } from '../schema/read-models/constraint-evolution-models';
import type { Projection } from './projection';

const TRAINED: EvolutionModelTrained['type'] = 'EvolutionModelTrained';

/** `constraintEvolutionModels`: each tenant's newest model per constraint type. */
export const constraintEvolutionModelsProjection: Projection = {
  name: 'constraint-evolution-models',
  collections: [{ name: CONSTRAINT_EVOLUTION_MODELS_COLLECTION, indexes: ['tenantId'] }],
  filter: { categories: [EVOLUTION_MODEL_CATEGORY], eventTypes: [TRAINED] },
  handle(recorded, context) {
    const { data } = recorded as unknown as EvolutionModelTrained;
    const document: ConstraintEvolutionModelDocument = {
      id: `${data.tenantId}:${data.constraintType}`,
      tenantId: data.tenantId,
      modelId: data.modelId,
      constraintType: data.constraintType,
      version: data.modelVersion,
      performanceMetrics: { trainedOn: data.trainedOn, ...data.metrics },
      evolutionTriggers: [],
      optimizationParameters: { ...data.parameters, features: data.features },
      trainedOn: data.trainedOn,
      trainedThrough: data.trainedThrough,
      trigger: data.trigger,
      lastUpdated: data.trainedAt,
    };
    context.upsert(CONSTRAINT_EVOLUTION_MODELS_COLLECTION, document);
  },
};
