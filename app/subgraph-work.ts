import type { SubgraphName } from '../platform/config';
import { runWhileHolding } from '../platform/coordination/exclusive-role';
import type { Locks } from '../platform/coordination/locks';
import type { SubgraphDependencies } from '../platform/graphql/subgraph-dependencies';
import { SUBGRAPHS } from './subgraph-catalog';

/**
 * Starts what a process serving a subgraph does besides answering: its replica work here, and its
 * background work while this process holds `background:<subgraph>` (one replica at a time, taken
 * over when the holder dies). Answers how to stop both.
 */
export async function startSubgraphWork(name: SubgraphName, deps: SubgraphDependencies, locks: Locks): Promise<() => Promise<void>> {
  const entry = SUBGRAPHS[name];
  const stopReplicaWork = await entry.startReplicaWork?.(deps);
  const background = entry.startBackgroundWork;
  const role = background && (await runWhileHolding(locks, `background:${name}`, () => background(deps), deps.logger));
  return async () => {
    await role?.stop();
    await stopReplicaWork?.();
  };
}
