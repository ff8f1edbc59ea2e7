import { canAccessTenant } from '../../../platform/auth/auth-context';
import { requireAuth, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { findProblem } from './problem-resolver';

/** Resolves a `Problem` another subgraph refers to; one of a tenant the caller may not see answers as a missing one (null). */
export function problemReference(deps: SubgraphDependencies) {
  return {
    Problem: {
      __resolveReference: async (reference: { id: string }, context: SubgraphContext) => {
        const auth = requireAuth(context);
        const problem = await findProblem(deps, reference.id);
        return problem && canAccessTenant(auth, problem.tenantId) ? problem : undefined;
      },
    },
  };
}
