import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { requireTenantAccess, type SubgraphContext } from '../../platform/graphql/subgraph-context';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { tenantProfileModule } from '../../platform/graphql/tenant-profile-module';
import { TENANT_PROFILE_COLLECTIONS } from '../../schema/read-models/tenants';
import { ConstraintResolver } from './graphql/constraint-resolver';
import { OptimizeResolver } from './graphql/optimize-resolver';
import { findProblem, ProblemResolver } from './graphql/problem-resolver';
import { SolveJobResolver } from './graphql/solve-job-resolver';
import { SOLVE_JOB_PROGRESS_SUBSCRIPTION_SDL, SolveJobProgress } from './graphql/solve-job-types';
import { SolveJobRunner } from './jobs/solve-job-runner';

const tenantProfile = tenantProfileModule({
  profileTypeName: 'OptimizationProfile',
  fieldName: 'optimizationProfile',
  collection: TENANT_PROFILE_COLLECTIONS.optimization,
  description: 'The tenant as the optimization subgraph knows it.',
});

/** The optimization subgraph: QUBO problems, their constraints, synchronous solves and solve jobs. */
export function buildOptimizationSubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ProblemResolver, ConstraintResolver, OptimizeResolver, SolveJobResolver, ...tenantProfile.resolvers],
    orphanedTypes: [...(tenantProfile.orphanedTypes ?? []), SolveJobProgress],
    extraTypeDefs: SOLVE_JOB_PROGRESS_SUBSCRIPTION_SDL,
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

/** Runs solve jobs in the process that serves this subgraph; answers how to stop it. */
export async function startSolveJobRunner(deps: SubgraphDependencies): Promise<() => Promise<void>> {
  const runner = new SolveJobRunner(deps);
  await runner.start();
  return () => runner.stop();
}
