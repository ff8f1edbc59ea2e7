import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createFileOnce } from '../../../platform/files/create-file-once';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { readAll } from '../../../platform/readstore/read-all';
import type { ResourceDemandPredicted } from '../../../schema/events';
import {
  DEMAND_PREDICTIONS_COLLECTION,
  SCALING_PREDICTION_MODELS_COLLECTION,
  type DemandPredictionDocument,
  type ScalingPredictionModelDocument,
} from '../../../schema/read-models/scaling';

/**
 * `ML_MODEL_PATH/scaling/<tenantId>/<RESOURCE>/<predictionId>.json`: the model a forecast chose,
 * with its parameters, fitted values and training window, for people and tools outside Goliath.
 * The event holds the same, so a missing file is written again from it (rebuildScalingModelFiles).
 */
export function scalingModelFile(modelPath: string, prediction: Pick<ResourceDemandPredicted['data'], 'tenantId' | 'resourceType' | 'predictionId'>): string {
  for (const [name, value] of Object.entries({ tenantId: prediction.tenantId, predictionId: prediction.predictionId })) {
    if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new Error(`${name} "${value}" cannot name a model file`);
  }
  return join(modelPath, 'scaling', prediction.tenantId, prediction.resourceType, `${prediction.predictionId}.json`);
}

/** Writes the forecast's model once (race-safe); an existing file is left as it is. */
export function saveScalingModel(modelPath: string, prediction: ResourceDemandPredicted['data']): void {
  const file = scalingModelFile(modelPath, prediction);
  if (existsSync(file)) return;
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const { predictionId, tenantId, resourceType, modelId, modelParameters, accuracy, horizonHours, intervalCoverage, generatedAt } = prediction;
  createFileOnce(file, `${JSON.stringify({ predictionId, tenantId, resourceType, modelId, horizonHours, intervalCoverage, accuracy, trainedAt: generatedAt, modelParameters }, null, 2)}\n`);
}

/** Writes the file of each tenant × resource's current model again where it is missing (a new volume, a wiped folder), from its recorded forecast. */
export async function rebuildScalingModelFiles(deps: Pick<SubgraphDependencies, 'readStore' | 'config'>): Promise<number> {
  const models = await readAll(deps.readStore.collection<ScalingPredictionModelDocument>(SCALING_PREDICTION_MODELS_COLLECTION), {});
  const predictions = deps.readStore.collection<DemandPredictionDocument>(DEMAND_PREDICTIONS_COLLECTION);
  let written = 0;
  for (const model of models) {
    if (existsSync(scalingModelFile(deps.config.prediction.modelPath, model))) continue;
    const prediction = await predictions.get(model.predictionId);
    if (!prediction) continue;
    saveScalingModel(deps.config.prediction.modelPath, prediction);
    written += 1;
  }
  return written;
}
