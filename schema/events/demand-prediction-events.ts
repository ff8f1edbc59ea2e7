import type { DomainEvent } from '../../platform/commands/decider';
import type { ResourceTypeName } from './usage-events';

/** A tenant's demand forecasts, `demandprediction-<tenantId>`: facts, each a forecast as it was made. */
export const DEMAND_PREDICTION_CATEGORY = 'demandprediction';
export const demandPredictionStreamId = (tenantId: string): string => `${DEMAND_PREDICTION_CATEGORY}-${tenantId}`;

export interface PredictedPoint {
  /** The start of the hour, ISO. */
  readonly time: string;
  readonly expected: number;
  readonly lower: number;
  readonly upper: number;
}

export interface PredictionAccuracy {
  readonly wape: number | null;
  readonly mase: number | null;
  readonly coverage: number | null;
}

/** Who asked for a forecast: a caller, the 6-hourly refresh, or retrainModels. */
export type PredictionTrigger = 'REQUEST' | 'SCHEDULED_REFRESH' | 'RETRAIN';

/**
 * One forecast of one resource (the seed's ResourceDemandPrediction): hourly points with their
 * interval, the model the backtest chose and its parameters (enough to rebuild it), and the
 * backtest's figures. `startNote` says why the forecast starts before the current hour (the
 * recorded usage ends earlier, as an imported history does).
 */
export type ResourceDemandPredicted = DomainEvent<
  'ResourceDemandPredicted',
  {
    readonly predictionId: string;
    readonly tenantId: string;
    readonly resourceType: ResourceTypeName;
    readonly horizonHours: number;
    readonly includeBusinessCycles: boolean;
    /** The share of outcomes the intervals are calibrated to hold. */
    readonly intervalCoverage: number;
    readonly startsAt: string;
    readonly startNote: string | null;
    readonly modelId: string;
    readonly modelParameters: Readonly<Record<string, unknown>>;
    readonly points: readonly PredictedPoint[];
    readonly accuracy: PredictionAccuracy;
    readonly backtest: Readonly<Record<string, unknown>>;
    readonly historyHours: number;
    readonly warnings: readonly { readonly code: string; readonly message: string }[];
    readonly trigger: PredictionTrigger;
    readonly requestedBy: string;
    readonly generatedAt: string;
  }
>;

export type DemandPredictionEvent = ResourceDemandPredicted;

export const DEMAND_PREDICTION_EVENT_VERSIONS: Readonly<Record<DemandPredictionEvent['type'], number>> = { ResourceDemandPredicted: 1 };
