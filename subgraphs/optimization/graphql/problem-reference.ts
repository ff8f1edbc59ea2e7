import { requireTenantAccess, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { findProblem } from './problem-resolver';

/** Resolves a `Problem` another subgraph refers to, for callers allowed into its tenant. */
export function problemReference(deps: SubgraphDependencies) {
  return {
    Problem: {
      __resolveReference: async (reference: { id: string }, context: SubgraphContext) => {
        const problem = await findProblem(deps, reference.id);
        if (problem) requireTenantAccess(context, problem.tenantId);
        return problem;
      },
    },
  };
}
