import { requireTenantAccess, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { findTenant } from './tenant-lookup';

/** Resolves a `Tenant` another subgraph refers to, for callers allowed into that tenant. */
export function tenantReference(deps: SubgraphDependencies) {
  return {
    Tenant: {
      __resolveReference: (reference: { id: string }, context: SubgraphContext) => {
        requireTenantAccess(context, reference.id);
        return findTenant(deps.readStore, reference.id);
      },
    },
  };
}
