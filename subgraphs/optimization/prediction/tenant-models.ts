import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { CommandCaller } from '../../../platform/commands/command-caller';
import { DomainError } from '../../../platform/commands/decider';
import { executeCommand } from '../../../platform/commands/execute-command';
import { ErrorCode } from '../../../platform/errors';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { ReadStore } from '../../../platform/readstore/port';
import { readAll } from '../../../platform/readstore/read-all';
import type { EvolutionModelTrainedData, ModelTrainingTrigger } from '../../../schema/events';
import { CONSTRAINT_EVOLUTION_MODELS_COLLECTION, type ConstraintEvolutionModelDocument } from '../../../schema/read-models/constraint-evolution-models';
import { CONSTRAINT_OUTCOMES_COLLECTION, PROBLEM_OBJECTIVE_BESTS_COLLECTION, type ConstraintOutcomeDocument, type ProblemObjectiveBestDocument } from '../../../schema/read-models/constraint-performance';
import { evolutionModels } from '../domain/command-handlers';
import { loadOutcomeModel, modelDirectory, saveOutcomeModel } from './model-files';
import { DEFAULT_TRAINING_OPTIONS, type OutcomeModel, type TrainingOptions } from './outcome-model';
import { sampleFromOutcomeRow, type OutcomeSample } from './outcome-samples';
import { trainOutcomeModel } from './train-outcome-model';

/**
 * Fewer outcomes than this train nothing: with ten inputs, 20 is the least that leaves whole
 * solves to hold out for the accuracy and Brier score the model is recorded with, and a fit on
 * so few is already told apart by its wide intervals.
 */
export const MIN_TRAINING_OUTCOMES = 20;
/** A model learns from the tenant's latest outcomes, this many at most: recent solves say most about the next ones. */
export const MAX_TRAINING_OUTCOMES = 2000;
/** One model per tenant covers every kind of constraint (the kind is one of its features). */
export const ALL_CONSTRAINT_TYPES = 'ALL';

/** Loaded models kept in memory, the most recently used first out last. */
const CACHED_MODELS = 32;

type ModelDependencies = Pick<SubgraphDependencies, 'eventStore' | 'upcasters' | 'clock' | 'waitForReadModels' | 'readStore' | 'config' | 'logger'>;

/**
 * Trains the tenant's model on its latest recorded outcomes, keeps its files under
 * ML_MODEL_PATH/evolution/<tenantId>/<modelId>/ and records EvolutionModelTrained through the
 * command path. INSUFFICIENT_PERFORMANCE_DATA under MIN_TRAINING_OUTCOMES. Answers undefined when
 * a retraining found that another one had already covered these outcomes (its files are removed).
 */
export async function trainTenantModel(deps: ModelDependencies, caller: CommandCaller, tenantId: string, trigger: ModelTrainingTrigger): Promise<EvolutionModelTrainedData | undefined> {
  const rows = await trainingRows(deps.readStore, tenantId);
  if (rows.length < MIN_TRAINING_OUTCOMES) {
    const needed = MIN_TRAINING_OUTCOMES - rows.length;
    throw new DomainError(
      ErrorCode.InsufficientPerformanceData,
      `Tenant ${tenantId} has ${rows.length} recorded constraint outcome(s); training needs at least ${MIN_TRAINING_OUTCOMES}: ${needed} more needed. Each solve with constraints (optimizeQubo or submitSolveJob) records one outcome per constraint; solve at a few different penalty weights so the model sees both feasible and infeasible outcomes.`,
      { needed },
    );
  }
  const options = DEFAULT_TRAINING_OPTIONS;
  const started = performance.now();
  const model = await trainOutcomeModel(await samplesOf(deps.readStore, rows), options);
  const modelId = randomUUID();
  const directory = modelDirectory(deps.config.prediction.modelPath, tenantId, modelId);
  await saveOutcomeModel(model, directory);
  const { metrics } = model.description;
  const result = await executeCommand(
    deps,
    caller,
    evolutionModels,
    {
      type: 'RecordTrainedModel',
      model: {
        modelId,
        tenantId,
        constraintType: ALL_CONSTRAINT_TYPES,
        trainedOn: rows.length,
        trainedThrough: rows[rows.length - 1].recordedAt,
        features: model.description.features,
        metrics: { trainingAccuracy: metrics.trainingAccuracy, heldOutAccuracy: metrics.heldOutAccuracy, brierScore: metrics.brierScore, heldOutSamples: metrics.heldOutSamples, positiveShare: metrics.positiveShare },
        parameters: { ...options, architecture: options.hiddenUnits > 0 ? 'MLP' : 'LOGISTIC_REGRESSION', maxOutcomes: MAX_TRAINING_OUTCOMES },
        trigger,
        trainedAt: deps.clock().toISOString(),
      },
    },
    { tenantId, target: modelId },
  );
  const [recorded] = result.appended;
  if (!recorded) {
    model.network.dispose();
    rmSync(directory, { recursive: true, force: true });
    return undefined;
  }
  remember(directory, Promise.resolve(model));
  const data = recorded.data as EvolutionModelTrainedData;
  deps.logger.info({ tenantId, modelId, modelVersion: data.modelVersion, trainedOn: rows.length, trigger, ms: Math.round(performance.now() - started) }, 'constraint performance model trained');
  return data;
}

export interface TenantModel {
  readonly document: ConstraintEvolutionModelDocument;
  readonly model: OutcomeModel;
}

/** The tenant's newest model, or undefined when it has none. */
export async function findTenantModel(deps: ModelDependencies, tenantId: string): Promise<TenantModel | undefined> {
  const document = await deps.readStore.collection<ConstraintEvolutionModelDocument>(CONSTRAINT_EVOLUTION_MODELS_COLLECTION).get(`${tenantId}:${ALL_CONSTRAINT_TYPES}`);
  if (!document) return undefined;
  const directory = modelDirectory(deps.config.prediction.modelPath, tenantId, document.modelId);
  let loading = cached(directory);
  if (!loading) {
    loading = loadOrRebuild(deps, document, directory);
    remember(directory, loading);
    loading.catch(() => models.delete(directory));
  }
  return { document, model: await loading };
}

/** The tenant's newest model; EVOLUTION_MODEL_NOT_FOUND, which says to train one, when it has none. */
export async function tenantModel(deps: ModelDependencies, tenantId: string): Promise<TenantModel> {
  const found = await findTenantModel(deps, tenantId);
  if (!found) {
    throw new DomainError(
      ErrorCode.EvolutionModelNotFound,
      `Tenant ${tenantId} has no trained constraint performance model yet: run trainModels(tenantId: "${tenantId}") first (it needs at least ${MIN_TRAINING_OUTCOMES} recorded constraint outcomes).`,
    );
  }
  return found;
}

/**
 * The files are a cache of the event: a model whose folder is missing (another volume, a wiped
 * disk) is trained again on the rows it was trained on — the tenant's latest outcomes recorded up
 * to its trainedThrough — with the options it recorded, which gives the same model.
 */
async function loadOrRebuild(deps: ModelDependencies, document: ConstraintEvolutionModelDocument, directory: string): Promise<OutcomeModel> {
  const saved = await loadOutcomeModel(directory);
  if (saved) return saved;
  deps.logger.warn({ tenantId: document.tenantId, modelId: document.modelId, directory }, 'model files missing: training the model again from its recorded outcomes');
  const options = trainingOptionsOf(document);
  const rows = await trainingRows(deps.readStore, document.tenantId, document.trainedThrough, Number(document.optimizationParameters.maxOutcomes ?? MAX_TRAINING_OUTCOMES));
  const model = await trainOutcomeModel(await samplesOf(deps.readStore, rows), options);
  await saveOutcomeModel(model, directory).catch((error: unknown) => deps.logger.warn({ err: error, directory }, 'could not write the rebuilt model files'));
  return model;
}

function trainingOptionsOf(document: ConstraintEvolutionModelDocument): TrainingOptions {
  const recorded = document.optimizationParameters;
  const option = (name: keyof TrainingOptions) => (typeof recorded[name] === 'number' ? (recorded[name] as number) : DEFAULT_TRAINING_OPTIONS[name]);
  return { hiddenUnits: option('hiddenUnits'), epochs: option('epochs'), learningRate: option('learningRate'), l2: option('l2'), seed: option('seed'), heldOutShare: option('heldOutShare') };
}

/** The tenant's latest outcomes (up to `through`), oldest first. */
async function trainingRows(readStore: ReadStore, tenantId: string, through?: string, limit = MAX_TRAINING_OUTCOMES): Promise<ConstraintOutcomeDocument[]> {
  const rows = await readAll(
    readStore.collection<ConstraintOutcomeDocument>(CONSTRAINT_OUTCOMES_COLLECTION),
    { where: { tenantId, ...(through !== undefined && { recordedAt: { lte: through } }) }, sort: [{ field: 'recordedAt', direction: 'desc' }] },
    limit,
  );
  return rows.reverse();
}

/** Rows as samples, each gap measured against its problem's best feasible objective ever. */
async function samplesOf(readStore: ReadStore, rows: readonly ConstraintOutcomeDocument[]): Promise<OutcomeSample[]> {
  const bests = readStore.collection<ProblemObjectiveBestDocument>(PROBLEM_OBJECTIVE_BESTS_COLLECTION);
  const best = new Map<string, number | undefined>();
  for (const problemId of new Set(rows.map((row) => row.problemId))) best.set(problemId, (await bests.get(problemId))?.bestFeasibleObjective);
  return rows.map((row) => sampleFromOutcomeRow(row, best.get(row.problemId)));
}

/** Loaded models by folder: a model's files never change, so its folder names it. */
const models = new Map<string, Promise<OutcomeModel>>();

function cached(directory: string): Promise<OutcomeModel> | undefined {
  const model = models.get(directory);
  if (model) {
    models.delete(directory);
    models.set(directory, model);
  }
  return model;
}

function remember(directory: string, model: Promise<OutcomeModel>): void {
  models.set(directory, model);
  while (models.size > CACHED_MODELS) {
    const [oldest] = models.keys();
    const evicted = models.get(oldest);
    models.delete(oldest);
    void evicted?.then((dropped) => dropped.network.dispose(), () => undefined);
  }
}
