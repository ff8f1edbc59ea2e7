import type { TenantEvent } from '../schema/events';
import { TENANT_CATEGORY } from '../schema/events';
import { TENANTS_COLLECTION, type TenantDocument } from '../schema/read-models/tenants';
import type { Projection } from './projection';

/** The enterprise subgraph's `tenants` read model: one document per tenant. */
export const tenantsProjection: Projection = {
  name: 'tenants',
  collections: [{ name: TENANTS_COLLECTION, indexes: ['name', 'createdAt'], textFields: ['name'] }],
  filter: { categories: [TENANT_CATEGORY] },
  handle(recorded, context) {
    const event = recorded as unknown as TenantEvent;
    switch (event.type) {
      case 'TenantCreated': {
        const { tenantId, name, createdAt } = event.data;
        const document: TenantDocument = { id: tenantId, name, createdAt, updatedAt: createdAt };
        context.upsert(TENANTS_COLLECTION, document);
        return;
      }
      case 'TenantRenamed':
        context.patch(TENANTS_COLLECTION, event.data.tenantId, { name: event.data.name, updatedAt: event.data.renamedAt });
        return;
    }
  },
};
