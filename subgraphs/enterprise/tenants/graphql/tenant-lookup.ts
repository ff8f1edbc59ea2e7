import type { ReadStore } from '../../../../platform/readstore/port';
import { TENANTS_COLLECTION, type TenantDocument } from '../../../../schema/read-models/tenants';
import type { Tenant } from './tenant-types';

/** A tenant from the `tenants` read model, for queries and for federation's reference resolution. */
export async function findTenant(readStore: ReadStore, id: string): Promise<Tenant | undefined> {
  const document = await readStore.collection<TenantDocument>(TENANTS_COLLECTION).get(id);
  return document && toTenant(document);
}

export function toTenant(document: TenantDocument): Tenant {
  return { id: document.id, name: document.name, createdAt: document.createdAt };
}
