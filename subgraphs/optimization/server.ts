import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { tenantProfileModule } from '../../platform/graphql/tenant-profile-module';
import { TENANT_PROFILE_COLLECTIONS } from '../../schema/read-models/tenants';

const tenantProfile = tenantProfileModule({
  profileTypeName: 'OptimizationProfile',
  fieldName: 'optimizationProfile',
  collection: TENANT_PROFILE_COLLECTIONS.optimization,
  description: 'The tenant as the optimization subgraph knows it.',
});

/** The optimization subgraph. For now it contributes `Tenant.optimizationProfile` from its own read model. */
export function buildOptimizationSubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    ...tenantProfile,
    container: dependencyContainer(deps),
  });
}
