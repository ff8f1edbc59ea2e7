import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { operationMiddleware } from '../../platform/graphql/operation-middleware';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { tenantProfileModule } from '../../platform/graphql/tenant-profile-module';
import { DateTimeScalar } from '../../schema/graphql/scalars';
import { TENANT_PROFILE_COLLECTIONS } from '../../schema/read-models/tenants';
import { SCALING_PERMISSIONS } from './graphql/permissions';
import { UsageResolver } from './graphql/usage-resolver';
import { PolicyResolver } from './graphql/policy-resolver';

const tenantProfile = tenantProfileModule({
  profileTypeName: 'ScalingProfile',
  fieldName: 'scalingProfile',
  collection: TENANT_PROFILE_COLLECTIONS.scaling,
  description: 'The tenant as the scaling subgraph knows it.',
  dateTimeScalar: DateTimeScalar,
});

/** The scaling subgraph: metering, scaling policies, and `Tenant.scalingProfile` from its own read model. */
export function buildScalingSubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    ...tenantProfile,
    resolvers: [...tenantProfile.resolvers, UsageResolver, PolicyResolver],
    container: dependencyContainer(deps),
    middleware: operationMiddleware(deps, 'scaling', SCALING_PERMISSIONS),
  });
}
