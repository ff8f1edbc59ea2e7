import type { DomainEvent } from '../../platform/commands/decider';

/**
 * Events of `evolution-<id>` streams, owned by the optimization subgraph: one run of
 * evolveConstraints, what it measured and what it changed. The changes themselves are the
 * constraints' ConstraintUpdated events, which name the evolution they came from.
 */
export const EVOLUTION_CATEGORY = 'evolution';
export const evolutionStreamId = (evolutionId: string): string => `${EVOLUTION_CATEGORY}-${evolutionId}`;

export type EvolutionStrategyName = 'CONSERVATIVE' | 'BALANCED' | 'AGGRESSIVE';

/** The parameters evolution tunes: the weight and how it was chosen. */
export interface EvolvedParameters {
  readonly penaltyWeight: number;
  readonly penaltyMethod: string;
}

/** What a new weight is expected to do, and where the expectation comes from. */
export interface PredictedPerformance {
  /** The share of solves whose best sample will satisfy the constraint, 0…1. */
  readonly feasibilityProbability: number;
  /** Mean objective (minimisation form) of the measured solves that satisfied every constraint; null when none did. */
  readonly expectedObjective: number | null;
  /** SHADOW_SOLVES: measured at the new weights; MODEL: predicted by a trained model without solving. */
  readonly source: 'SHADOW_SOLVES' | 'MODEL';
  readonly solves: number;
}

/** One weight vector measured during the search: the trade-off evidence. */
export interface MeasuredWeights {
  readonly weights: Readonly<Record<string, number>>;
  readonly feasibilityRates: Readonly<Record<string, number>>;
  readonly meanFeasibleObjective: number | null;
  readonly solves: number;
}

/** Why a change was made: the recorded performance that triggered it and what the search measured. */
export interface EvolutionEvidence {
  readonly recordedSolves: number;
  readonly recordedFeasibilityRate: number;
  readonly recordedMeanObjectiveGap: number | null;
  readonly shadowTimeLimitMs: number;
  readonly shadowSeeds: readonly number[];
  /** Feasibility at the weight before the change: measured when the search started there, else the recorded rate. */
  readonly measuredBefore: number;
  /** Feasibility at the new weight: measured by shadow solves, or (AGGRESSIVE with a model) predicted. */
  readonly measuredAfter: number;
  /** When a trained model chose the starting weight: which model, and what it predicted there. */
  readonly modelStart?: { readonly modelId: string; readonly modelVersion: number; readonly predictedWeight: number; readonly predictedFeasibility: number };
}

export interface EvolutionUpdate {
  readonly constraintId: string;
  readonly problemId: string;
  readonly oldParameters: EvolvedParameters;
  readonly newParameters: EvolvedParameters;
  readonly evolutionReason: string;
  readonly predictedPerformance: PredictedPerformance;
  readonly evidence: EvolutionEvidence;
}

export interface UnmetConstraint {
  readonly constraintId: string;
  readonly problemId: string;
  /** The best feasibility rate any measured weight vector reached for it. */
  readonly bestFeasibilityRate: number;
  readonly reason: string;
}

/**
 * An evolveConstraints run: the updates it decided (applied unless `dryRun`), the constraints it
 * could not bring to the threshold, and every weight vector it measured per problem.
 */
export type ConstraintsEvolved = DomainEvent<
  'ConstraintsEvolved',
  {
    readonly evolutionId: string;
    readonly tenantId: string;
    readonly strategy: EvolutionStrategyName;
    readonly performanceThreshold: number;
    readonly dryRun: boolean;
    readonly updates: readonly EvolutionUpdate[];
    readonly unmet: readonly UnmetConstraint[];
    readonly measurements: Readonly<Record<string, readonly MeasuredWeights[]>>;
    /** The caller, or `system:<runner>` for a trigger. */
    readonly triggeredBy: string;
    readonly evolvedAt: string;
  }
>;

/**
 * An evolution proposed instead of applied, because the tenant requires SOC2 change approval: the
 * same record as ConstraintsEvolved, whose updates wait for approveEvolution by someone else.
 */
export type EvolutionProposed = DomainEvent<'EvolutionProposed', ConstraintsEvolved['data']>;
/** Another person approved a proposed evolution: its updates are applied after this event. */
export type EvolutionApproved = DomainEvent<'EvolutionApproved', { readonly evolutionId: string; readonly tenantId: string; readonly approvedBy: string; readonly approvedAt: string }>;
export type EvolutionRejected = DomainEvent<
  'EvolutionRejected',
  { readonly evolutionId: string; readonly tenantId: string; readonly rejectedBy: string; readonly reason: string; readonly rejectedAt: string }
>;

export type EvolutionEvent = ConstraintsEvolved | EvolutionProposed | EvolutionApproved | EvolutionRejected;

export const EVOLUTION_EVENT_VERSIONS: Readonly<Record<EvolutionEvent['type'], number>> = { ConstraintsEvolved: 1, EvolutionProposed: 1, EvolutionApproved: 1, EvolutionRejected: 1 };

/** What the `constraintEvolutions` subscription carries: the evidence, the changes and the decisions. */
export const CONSTRAINT_EVOLUTION_FEED_TYPES: readonly string[] = [
  'ConstraintOutcomesRecorded',
  'ConstraintUpdated',
  'ConstraintsEvolved',
  'EvolutionProposed',
  'EvolutionApproved',
  'EvolutionRejected',
  'EvolutionTriggerFired',
  'MarketChangeRecorded',
] satisfies readonly (EvolutionEvent['type'] | 'ConstraintOutcomesRecorded' | 'ConstraintUpdated' | 'EvolutionTriggerFired' | 'MarketChangeRecorded')[];
