import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { CONSTRAINTS_COLLECTION, PROBLEMS_COLLECTION, SOLVE_JOBS_COLLECTION } from '../../../schema/read-models/optimization';

/**
 * The tenant a mutation works on when its arguments name only a constraint, a problem or a solve
 * job, so the compliance guard checks a platform administrator's change against the right tenant.
 */
export async function tenantOfOptimizationChange(deps: SubgraphDependencies, args: Record<string, unknown>): Promise<string | undefined> {
  const input = (args.input ?? {}) as Record<string, unknown>;
  const lookups: [string, unknown][] = [
    [CONSTRAINTS_COLLECTION, args.constraintId],
    [PROBLEMS_COLLECTION, input.problemId ?? args.problemId],
    [SOLVE_JOBS_COLLECTION, args.id],
  ];
  for (const [collection, id] of lookups) {
    if (typeof id !== 'string') continue;
    const document = await deps.readStore.collection(collection).get(id);
    if (typeof document?.tenantId === 'string') return document.tenantId;
  }
  return undefined;
}
