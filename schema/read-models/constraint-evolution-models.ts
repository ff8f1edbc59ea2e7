/** The tenants' prediction models (`constraintEvolutionModels`), folded from EvolutionModelTrained. */
export const CONSTRAINT_EVOLUTION_MODELS_COLLECTION = 'constraint_evolution_models';

/**
 * The seed's ConstraintEvolutionModel: the newest model of a tenant for one constraint type
 * (`<tenantId>:<constraintType>`; one type, ALL, today).
 */
export interface ConstraintEvolutionModelDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly modelId: string;
  readonly constraintType: string;
  /** The model's version: 1 for the tenant's first, +1 per training. */
  readonly version: number;
  readonly performanceMetrics: {
    readonly trainedOn: number;
    readonly trainingAccuracy: number;
    readonly heldOutAccuracy: number | null;
    readonly brierScore: number | null;
    readonly heldOutSamples: number;
    readonly positiveShare: number;
  };
  /** Ids of the evolution triggers that use the model; none until triggers exist. */
  readonly evolutionTriggers: readonly string[];
  /** How it was fitted and on which features. */
  readonly optimizationParameters: Readonly<Record<string, unknown>>;
  readonly trainedOn: number;
  /** recordedAt of the latest outcome it was trained on: the retrainer counts newer ones. */
  readonly trainedThrough: string;
  readonly trigger: string;
  readonly lastUpdated: string;
  readonly [field: string]: unknown;
}
