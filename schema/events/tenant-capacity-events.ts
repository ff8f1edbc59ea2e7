import type { DomainEvent } from '../../platform/commands/decider';
import type { ResourceTypeName } from './usage-events';

/**
 * A tenant's capacity as predictive scaling set it, `tenantcapacity-<tenantId>`: what the scaling
 * subgraph's executors write and the resource's owner follows (for COMPUTE, the optimization
 * subgraph's solve-job runner: the tenant's solver allowance). Subgraphs meet here, not in code.
 */
export const TENANT_CAPACITY_CATEGORY = 'tenantcapacity';
export const tenantCapacityStreamId = (tenantId: string): string => `${TENANT_CAPACITY_CATEGORY}-${tenantId}`;

export type TenantCapacityChanged = DomainEvent<
  'TenantCapacityChanged',
  {
    readonly tenantId: string;
    readonly resourceType: ResourceTypeName;
    /** Capacity units (COMPUTE: solve jobs the tenant may run at once). */
    readonly capacity: number;
    /** The capacity before; null when it had never been set (the platform's default applied). */
    readonly previousCapacity: number | null;
    /** The scaling action that set it: each is applied once. */
    readonly actionId: string;
    readonly scheduleId: string;
    readonly changedBy: string;
    readonly changedAt: string;
  }
>;

export type TenantCapacityEvent = TenantCapacityChanged;

export const TENANT_CAPACITY_EVENT_VERSIONS: Readonly<Record<TenantCapacityEvent['type'], number>> = { TenantCapacityChanged: 1 };
