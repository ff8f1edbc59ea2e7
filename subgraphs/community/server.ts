import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { operationMiddleware } from '../../platform/graphql/operation-middleware';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { tenantProfileModule } from '../../platform/graphql/tenant-profile-module';
import { DateTimeScalar } from '../../schema/graphql/scalars';
import { TENANT_PROFILE_COLLECTIONS } from '../../schema/read-models/tenants';
import { COMMUNITY_PERMISSIONS } from './graphql/permissions';

const tenantProfile = tenantProfileModule({
  profileTypeName: 'CommunityProfile',
  fieldName: 'communityProfile',
  collection: TENANT_PROFILE_COLLECTIONS.community,
  description: 'The tenant as the community subgraph knows it.',
  dateTimeScalar: DateTimeScalar,
});

/** The community subgraph. For now it contributes `Tenant.communityProfile` from its own read model. */
export function buildCommunitySubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    ...tenantProfile,
    container: dependencyContainer(deps),
    middleware: operationMiddleware(deps, 'community', COMMUNITY_PERMISSIONS),
  });
}
