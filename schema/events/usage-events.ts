import type { DomainEvent } from '../../platform/commands/decider';

/** What predictive scaling meters, forecasts and plans: the API's `ResourceType`. */
export const RESOURCE_TYPES = ['COMPUTE', 'MEMORY', 'STORAGE', 'NETWORK'] as const;
export type ResourceTypeName = (typeof RESOURCE_TYPES)[number];

/** A tenant's usage recorded by hand or imported: `usage-<tenantId>`, facts no decider replays. */
export const USAGE_CATEGORY = 'usage';
export const usageStreamId = (tenantId: string): string => `${USAGE_CATEGORY}-${tenantId}`;

/** One hour's usage: `time` is the hour's start (UTC, whole hour). */
export interface UsagePoint {
  readonly time: string;
  readonly value: number;
}

/**
 * Usage of one resource, hour by hour, that the tenant brought: `recordUsage` (source RECORDED)
 * or `goliath usage import` (source IMPORT; one import may be several of these events, appended
 * together, all with its `importId`). Solves are metered from their own ResourceUsageRecorded.
 */
export type UsageRecorded = DomainEvent<
  'UsageRecorded',
  {
    readonly tenantId: string;
    readonly resourceType: ResourceTypeName;
    readonly source: 'RECORDED' | 'IMPORT';
    readonly importId?: string;
    readonly points: readonly UsagePoint[];
    readonly recordedBy: string;
    readonly recordedAt: string;
  }
>;

export type UsageEvent = UsageRecorded;

export const USAGE_EVENT_VERSIONS: Readonly<Record<UsageEvent['type'], number>> = { UsageRecorded: 1 };
