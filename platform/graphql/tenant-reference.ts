import { requireTenantAccess, type SubgraphContext } from './subgraph-context';

/**
 * The reference resolver of a subgraph that only extends the enterprise-owned `Tenant`: it holds
 * nothing of the tenant but its key, so it answers the key, for callers allowed into that tenant.
 */
export const tenantKeyReference = {
  Tenant: {
    __resolveReference: (reference: { id: string }, context: SubgraphContext) => {
      requireTenantAccess(context, reference.id);
      return { id: reference.id };
    },
  },
};
