import type { GraphQLSchema } from 'graphql';
import { auditMutations } from '../../platform/graphql/audit-middleware';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { permissionShield } from '../../platform/graphql/permissions/permission-shield';
import { requireTenantAccess, type SubgraphContext } from '../../platform/graphql/subgraph-context';
import { complianceGuard } from '../../platform/compliance';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { ConstraintResolver } from './graphql/constraint-resolver';
import { MultiObjectiveResolver } from './graphql/multi-objective-resolver';
import { OptimizationProfileResolver, OptimizationTenant } from './graphql/optimization-profile';
import { OptimizeResolver } from './graphql/optimize-resolver';
import { findProblem, ProblemResolver } from './graphql/problem-resolver';
import { SolveJobResolver } from './graphql/solve-job-resolver';
import { SOLVE_JOB_PROGRESS_SUBSCRIPTION_SDL, SolveJobProgress } from './graphql/solve-job-types';
import { SolveJobRunner } from './jobs/solve-job-runner';
import { OPTIMIZATION_PERMISSIONS } from './graphql/permissions';
import { tenantOfOptimizationChange } from './graphql/tenant-of-change';

/** The optimization subgraph: QUBO problems, their constraints, synchronous solves and solve jobs. */
export function buildOptimizationSubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ProblemResolver, ConstraintResolver, OptimizeResolver, MultiObjectiveResolver, SolveJobResolver, OptimizationProfileResolver],
    orphanedTypes: [OptimizationTenant, SolveJobProgress],
    extraTypeDefs: SOLVE_JOB_PROGRESS_SUBSCRIPTION_SDL,
    container: dependencyContainer(deps),
    middleware: [auditMutations(deps, 'optimization'), permissionShield(OPTIMIZATION_PERMISSIONS), complianceGuard(deps, { tenantOf: (_field, args) => tenantOfOptimizationChange(deps, args) })],
    extraResolvers: {
      Tenant: {
        __resolveReference: (reference: { id: string }, context: SubgraphContext) => {
          requireTenantAccess(context, reference.id);
          return { id: reference.id };
        },
      },
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
