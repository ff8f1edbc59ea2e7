import type { GraphQLSchema } from 'graphql';
import { auditMutations } from '../../platform/graphql/audit-middleware';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { tenantProfileModule } from '../../platform/graphql/tenant-profile-module';
import { TENANT_PROFILE_COLLECTIONS } from '../../schema/read-models/tenants';

const tenantProfile = tenantProfileModule({
  profileTypeName: 'ScalingProfile',
  fieldName: 'scalingProfile',
  collection: TENANT_PROFILE_COLLECTIONS.scaling,
  description: 'The tenant as the scaling subgraph knows it.',
});

/** The scaling subgraph. For now it contributes `Tenant.scalingProfile` from its own read model. */
export function buildScalingSubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    ...tenantProfile,
    container: dependencyContainer(deps),
    middleware: [auditMutations(deps, 'scaling')],
  });
}
