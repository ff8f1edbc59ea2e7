import { OPTIMIZATION_RUN_CATEGORY, SOLVE_JOB_CATEGORY, USAGE_CATEGORY, type ResourceTypeName, type ResourceUsageRecorded, type UsageRecorded } from '../schema/events';
import { hourOf, usageHourId, USAGE_HOURS_COLLECTION, type UsageHourDocument } from '../schema/read-models/usage';
import type { ProjectionContext, Projection } from './projection';

/** One contribution to an hour of usage. */
interface Contribution {
  readonly resourceType: ResourceTypeName;
  readonly hour: string;
  readonly value: number;
  readonly solveWallSeconds?: number;
}

/**
 * Metering: every solve's ResourceUsageRecorded (jobs and synchronous runs alike) and every
 * UsageRecorded folded into hours per tenant and resource. The counters are safe to redeliver:
 * the read stores skip a write older than what a document already holds, and one event writes
 * each hour once (its points are merged per hour first).
 */
export const usageHoursProjection: Projection = {
  name: 'usage-hours',
  collections: [{ name: USAGE_HOURS_COLLECTION, indexes: ['tenantId', 'resourceType', 'hour'] }],
  filter: { categories: [USAGE_CATEGORY, SOLVE_JOB_CATEGORY, OPTIMIZATION_RUN_CATEGORY], eventTypes: ['UsageRecorded', 'ResourceUsageRecorded'] },
  async handle(recorded, context) {
    const event = recorded as unknown as UsageRecorded | ResourceUsageRecorded;
    const contributions = event.type === 'UsageRecorded' ? recordedContributions(event.data) : solveContributions(event.data);
    for (const contribution of mergedByHour(contributions)) await addToHour(context, event.data.tenantId, contribution);
  },
};

/** A solve's CPU-seconds are its COMPUTE, its peak resident memory (MB) its MEMORY, in the hour it finished. */
function solveContributions(data: ResourceUsageRecorded['data']): Contribution[] {
  const hour = hourOf(data.recordedAt);
  return [
    { resourceType: 'COMPUTE', hour, value: data.cpuSeconds, solveWallSeconds: data.wallTimeMs / 1000 },
    { resourceType: 'MEMORY', hour, value: data.peakMemoryMb },
  ];
}

function recordedContributions(data: UsageRecorded['data']): Contribution[] {
  return data.points.map((point) => ({ resourceType: data.resourceType, hour: point.time, value: point.value }));
}

/** Contributions of one event to the same hour and resource, as one (summed; the peak kept apart). */
function mergedByHour(contributions: readonly Contribution[]): (Contribution & { readonly peak: number; readonly count: number })[] {
  const merged = new Map<string, Contribution & { peak: number; count: number }>();
  for (const contribution of contributions) {
    const key = `${contribution.resourceType}:${contribution.hour}`;
    const known = merged.get(key);
    if (!known) {
      merged.set(key, { ...contribution, peak: contribution.value, count: 1 });
      continue;
    }
    merged.set(key, {
      ...known,
      value: known.value + contribution.value,
      peak: Math.max(known.peak, contribution.value),
      count: known.count + 1,
      solveWallSeconds: (known.solveWallSeconds ?? 0) + (contribution.solveWallSeconds ?? 0),
    });
  }
  return [...merged.values()];
}

async function addToHour(context: ProjectionContext, tenantId: string, contribution: Contribution & { readonly peak: number; readonly count: number }): Promise<void> {
  const id = usageHourId(tenantId, contribution.resourceType, contribution.hour);
  const previous = await context.get<UsageHourDocument>(USAGE_HOURS_COLLECTION, id);
  const document: UsageHourDocument = {
    id,
    tenantId,
    resourceType: contribution.resourceType,
    hour: contribution.hour,
    total: (previous?.total ?? 0) + contribution.value,
    peak: Math.max(previous?.peak ?? 0, contribution.peak),
    contributions: (previous?.contributions ?? 0) + contribution.count,
    solveWallSeconds: (previous?.solveWallSeconds ?? 0) + (contribution.solveWallSeconds ?? 0),
  };
  context.upsert(USAGE_HOURS_COLLECTION, document);
}
