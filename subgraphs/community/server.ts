import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { operationMiddleware } from '../../platform/graphql/operation-middleware';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { tenantProfileModule } from '../../platform/graphql/tenant-profile-module';
import { DateTimeScalar } from '../../schema/graphql/scalars';
import { TENANT_PROFILE_COLLECTIONS } from '../../schema/read-models/tenants';
import { COMMUNITY_PERMISSIONS } from './graphql/permissions';
import { MARKETPLACE_RESOLVERS } from './marketplace/graphql/resolvers';
import { LICENSING_RESOLVERS } from './licensing/graphql/resolvers';
import { PORTAL_RESOLVERS } from './portal/graphql/resolvers';
import { FORUM_RESOLVERS } from './forum/graphql/resolvers';
import { COMMUNITY_ACTIVITY_SUBSCRIPTION_SDL, CommunityActivity } from './forum/graphql/community-activity-types';

const tenantProfile = tenantProfileModule({
  profileTypeName: 'CommunityProfile',
  fieldName: 'communityProfile',
  collection: TENANT_PROFILE_COLLECTIONS.community,
  description: 'The tenant as the community subgraph knows it.',
  dateTimeScalar: DateTimeScalar,
});

/** The community subgraph: the algorithm marketplace and its licences, the developer portal, forums with moderation, and community events. */
export function buildCommunitySubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    ...tenantProfile,
    orphanedTypes: [...(tenantProfile.orphanedTypes ?? []), CommunityActivity],
    extraTypeDefs: COMMUNITY_ACTIVITY_SUBSCRIPTION_SDL,
    resolvers: [...tenantProfile.resolvers, ...MARKETPLACE_RESOLVERS, ...LICENSING_RESOLVERS, ...PORTAL_RESOLVERS, ...FORUM_RESOLVERS],
    container: dependencyContainer(deps),
    middleware: operationMiddleware(deps, 'community', COMMUNITY_PERMISSIONS),
  });
}
