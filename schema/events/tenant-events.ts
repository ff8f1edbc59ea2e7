import type { DomainEvent } from '../../platform/commands/decider';

/** Events of the `tenant-<id>` streams, owned by the enterprise subgraph. */
export const TENANT_CATEGORY = 'tenant';
export const tenantStreamId = (tenantId: string): string => `${TENANT_CATEGORY}-${tenantId}`;

export type TenantCreated = DomainEvent<'TenantCreated', { readonly tenantId: string; readonly name: string; readonly createdAt: string }>;
export type TenantRenamed = DomainEvent<
  'TenantRenamed',
  { readonly tenantId: string; readonly name: string; readonly previousName: string; readonly renamedAt: string }
>;
export type TenantEvent = TenantCreated | TenantRenamed;

/** Current schema version of each event type; a changed shape gets a new version and an upcaster in ./upcasters.ts. */
export const TENANT_EVENT_VERSIONS: Readonly<Record<TenantEvent['type'], number>> = {
  TenantCreated: 1,
  TenantRenamed: 1,
};
