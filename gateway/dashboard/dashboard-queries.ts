import type { ForecastPlotData, PlottedCapacity, PlottedForecast, UsageHour } from './forecast-plot-data';

/**
 * The page's two operations through the gateway. The plans come first because the forecast's
 * first hour decides which usage to ask for (plot-window.ts's usageRange).
 */
export const PLANS_QUERY = `query ScalingDashboardPlans($tenantId: ID!, $resourceType: ResourceType!) {
  tenant(id: $tenantId) { name }
  resourceDemandPredictions(tenantId: $tenantId, resourceType: $resourceType, first: 1) {
    modelId generatedAt startsAt intervalCoverage
    points { time expected lower upper }
    accuracy { wape mase coverage }
  }
  scalingSchedules(tenantId: $tenantId) {
    scheduleId policyId resourceType status start capacities
    actions { time fromCapacity targetCapacity status reason }
  }
  scalingPolicies(tenantId: $tenantId, resourceType: $resourceType) { policyId scalingRules { unitSize } }
}`;

export const USAGE_QUERY = `query ScalingDashboardUsage($tenantId: ID!, $resourceType: ResourceType!, $from: DateTime!, $to: DateTime!) {
  usageSeries(tenantId: $tenantId, resourceType: $resourceType, from: $from, to: $to, granularity: HOUR) { points { time value } }
}`;

export interface PlansAnswer {
  readonly tenant: { readonly name: string } | null;
  /** Newest first; at most one asked for. */
  readonly resourceDemandPredictions: readonly PlottedForecast[];
  /** Newest first, of every resource. */
  readonly scalingSchedules: readonly (Omit<PlottedCapacity, 'unitSize'> & { readonly policyId: string; readonly resourceType: string })[];
  readonly scalingPolicies: readonly { readonly policyId: string; readonly scalingRules: { readonly unitSize: number } }[];
}

export interface UsageAnswer {
  readonly usageSeries: { readonly points: readonly UsageHour[] };
}

/** The newest forecast of the resource, whose first hour anchors the usage to ask for. */
export function forecastOf(plans: PlansAnswer): PlottedForecast | null {
  return plans.resourceDemandPredictions[0] ?? null;
}

/**
 * The picture's data from the two answers. The schedule is the newest of the resource; its
 * capacity is scaled by the unit size of the policy it was planned under (the API does not
 * answer a schedule's own unit size), and is left out if that policy is not among the answers.
 */
export function plotDataFromAnswers(tenantId: string, resourceType: string, plans: PlansAnswer, usage: UsageAnswer): ForecastPlotData {
  const schedule = plans.scalingSchedules.find((candidate) => candidate.resourceType === resourceType);
  const policy = schedule && plans.scalingPolicies.find((candidate) => candidate.policyId === schedule.policyId);
  const capacity: PlottedCapacity | null =
    schedule && policy
      ? { scheduleId: schedule.scheduleId, status: schedule.status, start: schedule.start, capacities: schedule.capacities, unitSize: policy.scalingRules.unitSize, actions: schedule.actions }
      : null;
  return { tenantLabel: plans.tenant?.name ?? tenantId, resourceType, history: usage.usageSeries.points, forecast: forecastOf(plans), capacity };
}
