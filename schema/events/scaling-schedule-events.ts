import type { DomainEvent } from '../../platform/commands/decider';
import type { ResourceTypeName } from './usage-events';

/** One capacity schedule, `scalingschedule-<scheduleId>`: proposed, approved, applied, then each action's fate. */
export const SCALING_SCHEDULE_CATEGORY = 'scalingschedule';
export const scalingScheduleStreamId = (scheduleId: string): string => `${SCALING_SCHEDULE_CATEGORY}-${scheduleId}`;

export interface PlannedScalingAction {
  readonly actionId: string;
  readonly resourceType: ResourceTypeName;
  /** The hour the capacity is for, ISO. */
  readonly time: string;
  /** When the scheduler runs it: `time` less the policy's scheduling buffer. */
  readonly scheduledTime: string;
  readonly fromCapacity: number;
  readonly targetCapacity: number;
}

export interface ScheduleShortfall {
  readonly time: string;
  readonly required: number;
  readonly capacity: number;
  readonly short: number;
}

export interface ScalingScheduleDefinition {
  readonly scheduleId: string;
  readonly tenantId: string;
  readonly policyId: string;
  readonly resourceType: ResourceTypeName;
  readonly predictionIds: readonly string[];
  /** The first hour planned, ISO; `capacities[i]` and `required[i]` are for the hour i hours later. */
  readonly start: string;
  readonly required: readonly number[];
  readonly capacities: readonly number[];
  readonly actions: readonly PlannedScalingAction[];
  readonly cost: number;
  /** The share of hours whose capacity meets what they require. */
  readonly coverage: number;
  readonly coverageTarget: number;
  /** Hours that fall short, and by how much: never under-provisioned silently. */
  readonly shortfalls: readonly ScheduleShortfall[];
  /** The cost limit, not the capacity rules, is why hours fall short. */
  readonly costLimitBinding: boolean;
  readonly algorithm: 'exact' | 'genetic';
  /** EXACT (proven least shortfall, then cost), HEURISTIC (genetic), or BUDGET_BOUNDED: the best found under a binding cost limit, with the least shortfall possible. */
  readonly optimality: { readonly kind: 'EXACT' | 'HEURISTIC' } | { readonly kind: 'BUDGET_BOUNDED'; readonly shortfallLowerBound: number };
  readonly demandQuantile: number;
  readonly unitSize: number;
  /** The policy's autoApproval was off: someone other than its author must approve it. */
  readonly requiresApproval: boolean;
}

export type ScalingScheduleProposed = DomainEvent<'ScalingScheduleProposed', ScalingScheduleDefinition & { readonly proposedBy: string; readonly proposedAt: string }>;
export type ScalingScheduleApproved = DomainEvent<'ScalingScheduleApproved', { readonly scheduleId: string; readonly tenantId: string; readonly approvedBy: string; readonly automatically: boolean; readonly approvedAt: string }>;
/** Handed to the scheduler, which runs each action at its scheduled time. */
export type ScalingScheduleApplied = DomainEvent<'ScalingScheduleApplied', { readonly scheduleId: string; readonly tenantId: string; readonly appliedBy: string; readonly appliedAt: string }>;
export type ScalingActionApplied = DomainEvent<
  'ScalingActionApplied',
  { readonly scheduleId: string; readonly tenantId: string; readonly actionId: string; readonly resourceType: ResourceTypeName; readonly targetCapacity: number; readonly appliedAt: string }
>;
/** An action not run: its executor failed, or a later action of the schedule was already due (`superseded`). */
export type ScalingActionFailed = DomainEvent<
  'ScalingActionFailed',
  { readonly scheduleId: string; readonly tenantId: string; readonly actionId: string; readonly reason: string; readonly superseded: boolean; readonly failedAt: string }
>;

export type ScalingScheduleEvent = ScalingScheduleProposed | ScalingScheduleApproved | ScalingScheduleApplied | ScalingActionApplied | ScalingActionFailed;

export const SCALING_SCHEDULE_EVENT_VERSIONS: Readonly<Record<ScalingScheduleEvent['type'], number>> = {
  ScalingScheduleProposed: 1,
  ScalingScheduleApproved: 1,
  ScalingScheduleApplied: 1,
  ScalingActionApplied: 1,
  ScalingActionFailed: 1,
};

/** What the `scalingEvents` subscription carries: forecasts made, policies, schedules proposed, approved and applied, actions applied or failed, capacities set. */
export const SCALING_FEED_TYPES: readonly string[] = [
  'ResourceDemandPredicted',
  'ScalingPolicyCreated',
  'ScalingPolicyUpdated',
  'ScalingScheduleProposed',
  'ScalingScheduleApproved',
  'ScalingScheduleApplied',
  'ScalingActionApplied',
  'ScalingActionFailed',
  'TenantCapacityChanged',
];
