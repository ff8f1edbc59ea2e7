import type { GraphQLSchema } from 'graphql';
import { auditMutations } from '../../platform/graphql/audit-middleware';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { requireTenantAccess, type SubgraphContext } from '../../platform/graphql/subgraph-context';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { TenantEventMessage } from '../../schema/graphql/tenant-event-message';
import { TENANT_EVENTS_SUBSCRIPTION_SDL } from './graphql/tenant-events-subscription';
import { findTenant } from './graphql/tenant-lookup';
import { AuditReplayResolver } from './graphql/audit-replay-resolver';
import { AuditResolver } from './graphql/audit-resolver';
import { TenantResolver } from './graphql/tenant-resolver';

/** The enterprise subgraph: tenants and their audit trail; identity and compliance arrive with their issue. */
export function buildEnterpriseSubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [TenantResolver, AuditResolver, AuditReplayResolver],
    orphanedTypes: [TenantEventMessage],
    extraTypeDefs: TENANT_EVENTS_SUBSCRIPTION_SDL,
    container: dependencyContainer(deps),
    middleware: [auditMutations(deps, 'enterprise')],
    extraResolvers: {
      Tenant: {
        __resolveReference: (reference: { id: string }, context: SubgraphContext) => {
          requireTenantAccess(context, reference.id);
          return findTenant(deps.readStore, reference.id);
        },
      },
    },
  });
}
