import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { requireTenantAccess, type SubgraphContext } from '../../platform/graphql/subgraph-context';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { tenantProfileModule } from '../../platform/graphql/tenant-profile-module';
import { TENANT_PROFILE_COLLECTIONS } from '../../schema/read-models/tenants';
import { ConstraintResolver } from './graphql/constraint-resolver';
import { OptimizeResolver } from './graphql/optimize-resolver';
import { findProblem, ProblemResolver } from './graphql/problem-resolver';

const tenantProfile = tenantProfileModule({
  profileTypeName: 'OptimizationProfile',
  fieldName: 'optimizationProfile',
  collection: TENANT_PROFILE_COLLECTIONS.optimization,
  description: 'The tenant as the optimization subgraph knows it.',
});

/** The optimization subgraph: QUBO problems, their constraints, and synchronous solves on the engine. */
export function buildOptimizationSubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ProblemResolver, ConstraintResolver, OptimizeResolver, ...tenantProfile.resolvers],
    orphanedTypes: tenantProfile.orphanedTypes,
    container: dependencyContainer(deps),
    extraResolvers: {
      ...tenantProfile.extraResolvers,
      Problem: {
        __resolveReference: async (reference: { id: string }, context: SubgraphContext) => {
          const problem = await findProblem(deps, reference.id);
          if (problem) requireTenantAccess(context, problem.tenantId);
          return problem;
        },
      },
    },
  });
}
