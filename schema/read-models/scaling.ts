import type { ResourceDemandPredicted } from '../events/demand-prediction-events';
import type { PlannedScalingAction, ScalingScheduleDefinition } from '../events/scaling-schedule-events';
import type { CalendarExceptionDefinition } from '../events/scaling-calendar-events';
import type { ScalingPolicyDefinition } from '../events/scaling-policy-events';
import type { ResourceTypeName } from '../events/usage-events';

/** Each scaling policy as last defined (`scalingPolicies`). */
export const SCALING_POLICIES_COLLECTION = 'scaling_policies';

export interface ScalingPolicyDocument extends ScalingPolicyDefinition {
  readonly id: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
  readonly [field: string]: unknown;
}

/** Every demand forecast as it was made (`predictionId`). */
export const DEMAND_PREDICTIONS_COLLECTION = 'demand_predictions';

export type DemandPredictionDocument = ResourceDemandPredicted['data'] & { readonly id: string; readonly [field: string]: unknown };

/**
 * The seed's ScalingPredictionModel, one per tenant × resource (`<tenantId>:<resourceType>`): the
 * model the latest forecast's backtest chose, its parameters and accuracy.
 */
export const SCALING_PREDICTION_MODELS_COLLECTION = 'scaling_prediction_models';

export interface ScalingPredictionModelDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly resourceType: ResourceTypeName;
  readonly modelId: string;
  readonly predictionHorizon: number;
  readonly confidenceInterval: number;
  readonly modelParameters: Readonly<Record<string, unknown>>;
  readonly lastTrained: string;
  readonly accuracyMetrics: ResourceDemandPredicted['data']['accuracy'];
  readonly predictionId: string;
  readonly [field: string]: unknown;
}

export const scalingPredictionModelId = (tenantId: string, resourceType: ResourceTypeName): string => `${tenantId}:${resourceType}`;

/** Each tenant's calendar exceptions still in force (`exceptionId`); a removed one is deleted. */
export const SCALING_CALENDAR_COLLECTION = 'scaling_calendar';

export type CalendarExceptionDocument = CalendarExceptionDefinition & { readonly id: string; readonly addedBy: string; readonly addedAt: string; readonly [field: string]: unknown };

/** Each capacity schedule, its status and each action's (`scheduleId`). */
export const SCALING_SCHEDULES_COLLECTION = 'scaling_schedules';

export type ScalingScheduleStatus = 'PROPOSED' | 'APPROVED' | 'APPLIED' | 'COMPLETED';
export type ScalingActionStatus = 'PENDING' | 'APPLIED' | 'FAILED';

export interface ScalingScheduleDocument extends Omit<ScalingScheduleDefinition, 'actions'> {
  readonly id: string;
  readonly status: ScalingScheduleStatus;
  readonly actions: readonly (PlannedScalingAction & { readonly status: ScalingActionStatus; readonly settledAt: string | null; readonly reason: string | null })[];
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly approvedBy: string | null;
  readonly approvedAt: string | null;
  readonly appliedAt: string | null;
  readonly [field: string]: unknown;
}

/** Each tenant's capacity per resource as scaling actions last set it (`<tenantId>:<resourceType>`), shown in Tenant.scalingProfile. */
export const TENANT_CAPACITIES_COLLECTION = 'tenant_capacities';

export interface TenantCapacityDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly resourceType: ResourceTypeName;
  readonly capacity: number;
  readonly scheduleId: string;
  readonly actionId: string;
  readonly changedAt: string;
  readonly [field: string]: unknown;
}
