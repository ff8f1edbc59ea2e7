import type { GraphQLSchema } from 'graphql';
import { auditMutations } from '../../platform/graphql/audit-middleware';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { permissionShield } from '../../platform/graphql/permissions/permission-shield';
import { complianceGuard } from '../../platform/compliance';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { tenantProfileModule } from '../../platform/graphql/tenant-profile-module';
import { TENANT_PROFILE_COLLECTIONS } from '../../schema/read-models/tenants';
import { SCALING_PERMISSIONS } from './graphql/permissions';

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
    middleware: [auditMutations(deps, 'scaling'), permissionShield(SCALING_PERMISSIONS), complianceGuard(deps)],
  });
}
