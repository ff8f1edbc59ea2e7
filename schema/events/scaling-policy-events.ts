import type { DomainEvent } from '../../platform/commands/decider';
import type { ResourceTypeName } from './usage-events';

/**
 * A tenant's scaling policies for one resource live in one stream, `scalingpolicy-<tenantId>:<RESOURCE>`,
 * so the rule "one active policy per tenant and resource" is one decider's invariant.
 */
export const SCALING_POLICY_CATEGORY = 'scalingpolicy';
export const scalingPolicyStreamId = (tenantId: string, resourceType: ResourceTypeName): string => `${SCALING_POLICY_CATEGORY}-${tenantId}:${resourceType}`;

export const DAYS_OF_WEEK = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type DayOfWeekName = (typeof DAYS_OF_WEEK)[number];

/** Other bounds for some hours of the week (UTC): `fromHour` ≤ hour < `toHour` on each day listed. A later window overrides an earlier one. */
export interface CapacityWindow {
  readonly daysOfWeek: readonly DayOfWeekName[];
  readonly fromHour: number;
  readonly toHour: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
}

/** How a policy scales (the seed's ScalingRule list, as one record of named rules). */
export interface ScalingRules {
  /** FORECAST_ONLY plans and shows; FORECAST_AND_SCALE also applies approved schedules. */
  readonly mode: 'FORECAST_ONLY' | 'FORECAST_AND_SCALE';
  /** Capacity units, outside the windows. */
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly capacityWindows: readonly CapacityWindow[];
  /** The most capacity may change from one hour to the next; null: no limit. */
  readonly maxStepChange: number | null;
  /** An action runs this long before the hour it is for. */
  readonly schedulingBufferMinutes: number;
  /** The share of the demand distribution each hour's capacity must cover (0.5: the expected demand). */
  readonly demandQuantile: number;
  /** The demand one capacity unit serves in an hour, in the resource's metered unit (COMPUTE: 3,600 CPU-seconds, one busy solver thread). */
  readonly unitSize: number;
  readonly unitCostPerHour: number;
  /** Each change of capacity costs this much. */
  readonly costPerAction: number;
  /** Capacity bought is held at least this many hours. */
  readonly minHoldHours: number;
}

export interface ScalingPolicyDefinition {
  readonly policyId: string;
  readonly tenantId: string;
  readonly resourceType: ResourceTypeName;
  readonly scalingRules: ScalingRules;
  /** The seed's cost_limits: the most one schedule may cost; null: no limit. */
  readonly costLimits: { readonly maxScheduleCost: number | null };
  /** The seed's performance_targets: the share of hours a schedule must cover. */
  readonly performanceTargets: { readonly coverage: number };
  readonly autoApproval: boolean;
  readonly isActive: boolean;
}

export type ScalingPolicyCreated = DomainEvent<'ScalingPolicyCreated', ScalingPolicyDefinition & { readonly createdBy: string; readonly createdAt: string }>;
export type ScalingPolicyUpdated = DomainEvent<'ScalingPolicyUpdated', ScalingPolicyDefinition & { readonly updatedBy: string; readonly updatedAt: string }>;

export type ScalingPolicyEvent = ScalingPolicyCreated | ScalingPolicyUpdated;

export const SCALING_POLICY_EVENT_VERSIONS: Readonly<Record<ScalingPolicyEvent['type'], number>> = { ScalingPolicyCreated: 1, ScalingPolicyUpdated: 1 };
