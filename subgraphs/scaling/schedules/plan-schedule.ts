import type { ResourceDemandPredicted, ScalingPolicyDefinition, ScalingScheduleDefinition } from '../../../schema/events';
import { DomainError } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import { capacityBounds } from '../policies/capacity-bounds';
import { optimizeSchedule, type ScheduleAlgorithm } from '../scheduling/optimize-schedule';
import { demandAtQuantile } from './demand-quantile';

export interface PlanRequest {
  readonly scheduleId: string;
  readonly policy: ScalingPolicyDefinition;
  /** The forecast to plan against (of the policy's resource). */
  readonly prediction: ResourceDemandPredicted['data'];
  /** The capacity in force now: what the first hour changes from. */
  readonly initialCapacity: number;
  readonly algorithm: ScheduleAlgorithm;
}

/**
 * The seed's optimize_scaling_schedule for one policy: each forecast hour's demand at the policy's
 * quantile, in whole capacity units (its unit size), planned at least cost within the policy's
 * bounds by hour of the week, step limit, hold time, action cost and cost limit
 * (subgraphs/scaling/scheduling). Hours the rules or the cost limit leave short are listed, never
 * hidden. Each action runs the policy's buffer before its hour.
 */
export function planSchedule(request: PlanRequest): ScalingScheduleDefinition {
  const { policy, prediction } = request;
  const rules = policy.scalingRules;
  const required = prediction.points.map((point) => Math.max(0, Math.ceil(demandAtQuantile(point, rules.demandQuantile, prediction.intervalCoverage) / rules.unitSize - 1e-9)));
  const bounds = capacityBounds(rules);
  const schedule = asPolicyConflict(() => optimizeSchedule({
    start: new Date(prediction.startsAt),
    required,
    initialCapacity: request.initialCapacity,
    rules: {
      minCapacity: bounds.min,
      maxCapacity: bounds.max,
      ...(rules.maxStepChange !== null && { maxStepChange: rules.maxStepChange }),
      unitCostPerHour: rules.unitCostPerHour,
      costPerAction: rules.costPerAction,
      minHoldHours: rules.minHoldHours,
      ...(policy.costLimits.maxScheduleCost !== null && { costLimit: policy.costLimits.maxScheduleCost }),
    },
    algorithm: request.algorithm,
    bufferMinutes: rules.schedulingBufferMinutes,
  }));
  return {
    scheduleId: request.scheduleId,
    tenantId: policy.tenantId,
    policyId: policy.policyId,
    resourceType: policy.resourceType,
    predictionIds: [prediction.predictionId],
    start: prediction.startsAt,
    required,
    capacities: schedule.capacities,
    actions: schedule.actions.map((action) => ({
      actionId: `${request.scheduleId}:${action.hourIndex}`,
      resourceType: policy.resourceType,
      time: action.time.toISOString(),
      scheduledTime: action.scheduledTime.toISOString(),
      fromCapacity: action.fromCapacity,
      targetCapacity: action.targetCapacity,
    })),
    cost: schedule.cost,
    coverage: schedule.coverage,
    coverageTarget: policy.performanceTargets.coverage,
    shortfalls: schedule.shortfalls.map((hour) => ({ time: hour.time.toISOString(), required: hour.required, capacity: hour.capacity, short: hour.short })),
    costLimitBinding: schedule.costLimitBinding,
    algorithm: schedule.algorithm,
    optimality: schedule.optimality,
    demandQuantile: rules.demandQuantile,
    unitSize: rules.unitSize,
    requiresApproval: !policy.autoApproval,
  };
}

/** Rules that contradict each other for these hours (a step or hold that cannot reach the bounds, a cost limit below the cheapest schedule) are the seed's "resource scaling conflicts". */
function asPolicyConflict<T>(plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    if (error instanceof DomainError && error.details.reason === ErrorCode.ScalingPolicyConflict) throw new DomainError(ErrorCode.ScalingPolicyConflict, error.message, error.details);
    throw error;
  }
}
