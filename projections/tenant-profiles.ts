import type { TenantEvent } from '../schema/events';
import { TENANT_CATEGORY } from '../schema/events';
import { TENANT_PROFILE_COLLECTIONS, type TenantProfileDocument } from '../schema/read-models/tenants';
import type { Projection } from './projection';

/**
 * Each of the optimization, scaling and community subgraphs keeps its own profile of every
 * tenant, fed by the tenant events, so none of them reads another's data.
 */
function tenantProfileProjection(subgraph: keyof typeof TENANT_PROFILE_COLLECTIONS): Projection {
  const collection = TENANT_PROFILE_COLLECTIONS[subgraph];
  return {
    name: `${subgraph}-tenant-profiles`,
    collections: [{ name: collection, indexes: ['createdAt'] }],
    filter: { categories: [TENANT_CATEGORY], eventTypes: ['TenantCreated'] },
    handle(recorded, context) {
      const event = recorded as unknown as TenantEvent;
      if (event.type !== 'TenantCreated') return;
      const profile: TenantProfileDocument = { id: event.data.tenantId, tenantId: event.data.tenantId, createdAt: event.data.createdAt };
      context.upsert(collection, profile);
    },
  };
}

export const tenantProfileProjections: readonly Projection[] = (
  Object.keys(TENANT_PROFILE_COLLECTIONS) as (keyof typeof TENANT_PROFILE_COLLECTIONS)[]
).map(tenantProfileProjection);
