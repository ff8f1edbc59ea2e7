import type { ForecastPlotData, PlottedCapacity, PlottedForecast } from '../gateway/dashboard/forecast-plot-data';
import { usageRange } from '../gateway/dashboard/plot-window';
import type { ReadStore } from '../platform/readstore/port';
import { readAll } from '../platform/readstore/read-all';
import type { ResourceTypeName } from '../schema/events';
import { DEMAND_PREDICTIONS_COLLECTION, SCALING_SCHEDULES_COLLECTION, type DemandPredictionDocument, type ScalingScheduleDocument } from '../schema/read-models/scaling';
import { readUsageSeries } from '../subgraphs/scaling/metering/usage-series';

export interface ForecastPlotRequest {
  readonly tenantId: string;
  readonly tenantLabel: string;
  readonly resourceType: ResourceTypeName;
  readonly historyDays: number;
  readonly now: Date;
}

/**
 * What the forecast picture shows, read straight from the read models the GraphQL queries answer
 * from (resourceDemandPredictions, scalingSchedules, usageSeries), so the CLI draws what the
 * dashboard page draws without a running platform or a token.
 */
export async function readForecastPlotData(readStore: ReadStore, request: ForecastPlotRequest): Promise<ForecastPlotData> {
  const { tenantId, resourceType } = request;
  const [prediction] = (
    await readStore
      .collection<DemandPredictionDocument>(DEMAND_PREDICTIONS_COLLECTION)
      .find({ where: { tenantId, resourceType }, sort: [{ field: 'generatedAt', direction: 'desc' }], first: 1 })
  ).items;
  // Schedules are indexed by tenant, not resource: the newest of this resource is found by reading them in order.
  const schedules = await readAll(readStore.collection<ScalingScheduleDocument>(SCALING_SCHEDULES_COLLECTION), { where: { tenantId }, sort: [{ field: 'proposedAt', direction: 'desc' }] });
  const schedule = schedules.find((candidate) => candidate.resourceType === resourceType);
  const forecast = prediction ? plottedForecast(prediction) : null;
  const { from, to } = usageRange(forecast, request.now, request.historyDays);
  const usage = await readUsageSeries(readStore, { tenantId, resourceType, from, to, granularity: 'HOUR' });
  return { tenantLabel: request.tenantLabel, resourceType, history: usage.points, forecast, capacity: schedule ? plottedCapacity(schedule) : null };
}

function plottedForecast(prediction: DemandPredictionDocument): PlottedForecast {
  const { modelId, generatedAt, startsAt, intervalCoverage, points, accuracy } = prediction;
  return { modelId, generatedAt, startsAt, intervalCoverage, points, accuracy };
}

/** The schedule's own unit size, the one it was planned with, even if the policy changed since. */
function plottedCapacity(schedule: ScalingScheduleDocument): PlottedCapacity {
  const { scheduleId, status, start, capacities, unitSize, actions } = schedule;
  return { scheduleId, status, start, capacities, unitSize, actions: actions.map(({ time, fromCapacity, targetCapacity, status: actionStatus, reason }) => ({ time, fromCapacity, targetCapacity, status: actionStatus, reason })) };
}
