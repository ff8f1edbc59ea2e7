/** Read-model contracts shared by the projection that writes them and the subgraph that reads them. */
export const TENANTS_COLLECTION = 'tenants';

export interface TenantDocument {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly [field: string]: unknown;
}

/** Per-subgraph profile of a tenant (issue 2 wiring; later issues give each real domain data). */
export const TENANT_PROFILE_COLLECTIONS = {
  scaling: 'scaling_tenant_profiles',
  community: 'community_tenant_profiles',
} as const;

export interface TenantProfileDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly createdAt: string;
  readonly [field: string]: unknown;
}
