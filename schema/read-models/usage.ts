import type { ResourceTypeName } from '../events/usage-events';

/**
 * A tenant's usage of one resource in one hour (`<tenantId>:<resourceType>:<hour>`), from its
 * solves (ResourceUsageRecorded: CPU-seconds as COMPUTE, peak memory as MEMORY) and from what it
 * recorded or imported (UsageRecorded). Both the sum and the peak are kept: COMPUTE and NETWORK
 * add up over an hour, MEMORY and STORAGE are levels whose hour is its peak (usageSeries).
 */
export const USAGE_HOURS_COLLECTION = 'usage_hours';

export interface UsageHourDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly resourceType: ResourceTypeName;
  /** The hour's start, ISO (UTC). */
  readonly hour: string;
  readonly total: number;
  readonly peak: number;
  /** Contributions folded in: solves, recorded or imported points. */
  readonly contributions: number;
  /** Wall time of the solves in the hour (COMPUTE only), seconds. */
  readonly solveWallSeconds: number;
  readonly [field: string]: unknown;
}

export const usageHourId = (tenantId: string, resourceType: ResourceTypeName, hour: string): string => `${tenantId}:${resourceType}:${hour}`;

/** The start of the UTC hour an instant falls in, ISO. */
export function hourOf(instant: string | Date): string {
  const time = new Date(instant).getTime();
  return new Date(time - (((time % 3_600_000) + 3_600_000) % 3_600_000)).toISOString();
}
