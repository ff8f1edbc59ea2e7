import { badUserInput } from '../../../platform/errors';
import type { ReadStore } from '../../../platform/readstore/port';
import { readAll } from '../../../platform/readstore/read-all';
import type { ResourceTypeName } from '../../../schema/events';
import { hourOf, USAGE_HOURS_COLLECTION, type UsageHourDocument } from '../../../schema/read-models/usage';

export type UsageAggregationName = 'SUM' | 'PEAK';
export type UsageGranularityName = 'HOUR' | 'DAY';

/** The longest range one series answers: a year, in hours. */
export const MAX_SERIES_HOURS = 366 * 24;

/** COMPUTE and NETWORK add up over time; MEMORY and STORAGE are levels, whose hour or day is its peak. */
export function aggregationOf(resourceType: ResourceTypeName): UsageAggregationName {
  return resourceType === 'COMPUTE' || resourceType === 'NETWORK' ? 'SUM' : 'PEAK';
}

export interface UsageSeriesRequest {
  readonly tenantId: string;
  readonly resourceType: ResourceTypeName;
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  readonly granularity: UsageGranularityName;
}

export interface UsageSeriesAnswer {
  readonly aggregation: UsageAggregationName;
  /** Buckets with usage, oldest first. */
  readonly points: { readonly time: string; readonly value: number }[];
}

/** A tenant's metered usage of one resource between two instants, by hour or by UTC day, from the usage-hours read model. */
export async function readUsageSeries(readStore: ReadStore, request: UsageSeriesRequest): Promise<UsageSeriesAnswer> {
  const { from, to } = request;
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to.getTime() <= from.getTime()) throw badUserInput('to must be after from.', 'to');
  if (to.getTime() - from.getTime() > MAX_SERIES_HOURS * 3_600_000) throw badUserInput(`A series spans at most ${MAX_SERIES_HOURS} hours (a year); ask for shorter ranges.`, 'to');
  const hours = await readAll(readStore.collection<UsageHourDocument>(USAGE_HOURS_COLLECTION), {
    where: { tenantId: request.tenantId, resourceType: request.resourceType, hour: { gte: hourOf(from), lt: to.toISOString() } },
    sort: [{ field: 'hour', direction: 'asc' }],
  });
  const aggregation = aggregationOf(request.resourceType);
  const valueOf = (hour: UsageHourDocument) => (aggregation === 'SUM' ? hour.total : hour.peak);
  if (request.granularity === 'HOUR') return { aggregation, points: hours.map((hour) => ({ time: hour.hour, value: valueOf(hour) })) };
  const days = new Map<string, number>();
  for (const hour of hours) {
    const day = `${hour.hour.slice(0, 10)}T00:00:00.000Z`;
    const known = days.get(day);
    days.set(day, known === undefined ? valueOf(hour) : aggregation === 'SUM' ? known + valueOf(hour) : Math.max(known, valueOf(hour)));
  }
  return { aggregation, points: [...days.entries()].map(([time, value]) => ({ time, value })) };
}
