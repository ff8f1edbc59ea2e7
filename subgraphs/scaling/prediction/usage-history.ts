import type { ReadStore } from '../../../platform/readstore/port';
import { readAll } from '../../../platform/readstore/read-all';
import { RESOURCE_TYPES, type ResourceTypeName } from '../../../schema/events';
import { USAGE_HOURS_COLLECTION, type UsageHourDocument } from '../../../schema/read-models/usage';
import { HOUR_MS, type HourlySeries } from '../forecasting';
import { aggregationOf } from '../metering/usage-series';

/** How far back a forecast reads: eight weeks, for weekly cycles and four weeks of backtest origins. */
export const HISTORY_WEEKS = 8;

export interface UsageHistory {
  /** Every hour from the first recorded one to the last; an hour without usage counts as none used (0). */
  readonly series: HourlySeries;
  /** The start of the last hour with usage. */
  readonly lastHour: Date;
}

/**
 * A tenant's recorded usage of one resource as the forecaster reads it: hourly, the hour's sum or
 * peak as usageSeries gives it, before `before`, the HISTORY_WEEKS up to its last recorded hour
 * (however long ago that was: an imported history may end years back). Null when nothing was
 * recorded before `before`.
 */
export async function usageHistory(readStore: ReadStore, tenantId: string, resourceType: ResourceTypeName, before: Date): Promise<UsageHistory | null> {
  const collection = readStore.collection<UsageHourDocument>(USAGE_HOURS_COLLECTION);
  const [latest] = (await collection.find({ where: { tenantId, resourceType, hour: { lt: before.toISOString() } }, sort: [{ field: 'hour', direction: 'desc' }], first: 1 })).items;
  if (!latest) return null;
  const lastHour = new Date(latest.hour);
  const from = new Date(lastHour.getTime() - (HISTORY_WEEKS * 7 * 24 - 1) * HOUR_MS);
  const hours = await readAll(collection, { where: { tenantId, resourceType, hour: { gte: from.toISOString(), lte: latest.hour } }, sort: [{ field: 'hour', direction: 'asc' }] });
  const start = new Date(hours[0].hour);
  // Metering records what was used: an hour with no solve and nothing recorded used nothing.
  const values = new Array<number | null>((lastHour.getTime() - start.getTime()) / HOUR_MS + 1).fill(0);
  const sum = aggregationOf(resourceType) === 'SUM';
  for (const hour of hours) values[(Date.parse(hour.hour) - start.getTime()) / HOUR_MS] = sum ? hour.total : hour.peak;
  return { series: { start, values }, lastHour };
}

/** The resources the tenant has any usage of, in ResourceType order. */
export async function resourcesWithUsage(readStore: ReadStore, tenantId: string): Promise<ResourceTypeName[]> {
  const collection = readStore.collection<UsageHourDocument>(USAGE_HOURS_COLLECTION);
  const counts = await Promise.all(RESOURCE_TYPES.map(async (resourceType) => [resourceType, await collection.count({ tenantId, resourceType })] as const));
  return counts.filter(([, count]) => count > 0).map(([resourceType]) => resourceType);
}
