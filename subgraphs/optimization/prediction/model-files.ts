import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFileOnce } from '../../../platform/files/create-file-once';
import type { ModelDescription, OutcomeModel } from './outcome-model';
import { tensorflow, type tf } from './tensorflow';

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

/** `ML_MODEL_PATH/evolution/<tenantId>/<modelId>`: one folder per trained model, never rewritten. */
export function modelDirectory(modelPath: string, tenantId: string, modelId: string): string {
  for (const [name, value] of Object.entries({ tenantId, modelId })) {
    if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new Error(`${name} "${value}" cannot name a model folder`);
  }
  return join(modelPath, 'evolution', tenantId, modelId);
}

/**
 * Writes the model as tfjs's own format (model.json with the topology, the weights manifest and the
 * description as userDefinedMetadata, beside weights.bin) through a save handler of our own: plain
 * @tensorflow/tfjs has no file system handler. The weights go first and model.json last, each
 * created once, so a folder with a model.json is complete and a racing writer cannot tear it.
 */
export async function saveOutcomeModel(model: OutcomeModel, directory: string): Promise<void> {
  const tf = await tensorflow();
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  model.network.setUserDefinedMetadata(model.description);
  await model.network.save(
    tf.io.withSaveHandler(async (artifacts: tf.io.ModelArtifacts) => {
      const weights = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      createFileOnce(join(directory, WEIGHTS_BIN), Buffer.from(weights));
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata: artifacts.userDefinedMetadata,
      };
      createFileOnce(join(directory, MODEL_JSON), JSON.stringify(modelJson));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    }),
  );
}

/** The model saved in the folder, through a load handler that reads those two files; undefined when it has none. */
export async function loadOutcomeModel(directory: string): Promise<OutcomeModel | undefined> {
  const file = join(directory, MODEL_JSON);
  if (!existsSync(file)) return undefined;
  const tf = await tensorflow();
  const modelJson = JSON.parse(readFileSync(file, 'utf8')) as tf.io.ModelJSON;
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: modelJson.modelTopology,
      format: modelJson.format,
      generatedBy: modelJson.generatedBy,
      convertedBy: modelJson.convertedBy,
      weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
      weightData: new Uint8Array(readFileSync(join(directory, WEIGHTS_BIN))).buffer,
      userDefinedMetadata: modelJson.userDefinedMetadata,
    }),
  };
  const network = await tf.loadLayersModel(handler);
  return { network, description: network.getUserDefinedMetadata() as ModelDescription };
}
