import type { DomainEvent } from '../../platform/commands/decider';

/**
 * Events of `evolutionmodel-<tenantId>` streams, owned by the optimization subgraph: each trained
 * version of the tenant's prediction model (subgraphs/optimization/prediction). The files are a
 * cache of what the event describes: training is a pure function of the outcome rows it names
 * (the tenant's, recorded up to `trainedThrough`) and its options, so a model whose files are gone
 * is trained again from the same rows.
 */
export const EVOLUTION_MODEL_CATEGORY = 'evolutionmodel';
export const evolutionModelStreamId = (tenantId: string): string => `${EVOLUTION_MODEL_CATEGORY}-${tenantId}`;

/** Who asked for the training: a caller of trainModels, or the retrainer after enough new outcomes. */
export type ModelTrainingTrigger = 'REQUESTED' | 'NEW_OUTCOMES';

export interface EvolutionModelTrainedData {
  readonly modelId: string;
  readonly tenantId: string;
  /** 1 for the tenant's first model, +1 per training. */
  readonly modelVersion: number;
  /** What the model covers: ALL (one model per tenant, the constraint's kind is one of its features). */
  readonly constraintType: string;
  /** Outcomes it was trained on (one per constraint per solve). */
  readonly trainedOn: number;
  /** recordedAt of the latest outcome it was trained on: the rows are the tenant's up to this time. */
  readonly trainedThrough: string;
  readonly features: readonly string[];
  readonly metrics: {
    readonly trainingAccuracy: number;
    readonly heldOutAccuracy: number | null;
    readonly brierScore: number | null;
    readonly heldOutSamples: number;
    readonly positiveShare: number;
  };
  /** How it was fitted (network shape, steps, learning rate, L2, seed, held-out share, the most rows read). */
  readonly parameters: Readonly<Record<string, number | string>>;
  readonly trigger: ModelTrainingTrigger;
  readonly trainedAt: string;
}

export type EvolutionModelTrained = DomainEvent<'EvolutionModelTrained', EvolutionModelTrainedData>;
export type EvolutionModelEvent = EvolutionModelTrained;

export const EVOLUTION_MODEL_EVENT_VERSIONS: Readonly<Record<EvolutionModelEvent['type'], number>> = { EvolutionModelTrained: 1 };
