import type { ContainerType } from 'type-graphql';
import type { CommandContext } from '../commands/command-handler';
import type { PlatformConfig } from '../config';
import type { EventStore } from '../eventstore/port';
import type { Logger } from '../logging';
import type { ReadStore } from '../readstore/port';
import type { ReplayProjection } from '../replay/replay-projection';
import type { SubgraphContext } from './subgraph-context';
import { requireAuth } from './subgraph-context';

/** What every subgraph's resolvers work with; the process that hosts the subgraph provides it. */
export interface SubgraphDependencies {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  /**
   * Resolves once every read model has folded the log up to `position`, so a mutation can answer
   * with what it wrote (read-your-writes); rejects with READ_MODEL_LAGGING after a bounded wait.
   */
  readonly waitForReadModels: (position: number) => Promise<void>;
  readonly clock: () => Date;
  readonly config: PlatformConfig;
  readonly logger: Logger;
  /**
   * Every read model's projection (projections/ ALL_PROJECTIONS), for replaying a tenant as of a
   * point in time. Handed in by the hosting process because subgraphs may not import projections/.
   */
  readonly readModelProjections?: readonly ReplayProjection[];
}

/** Resolver classes take the dependencies in their constructor; one instance per class. */
export function dependencyContainer(dependencies: SubgraphDependencies): ContainerType {
  const instances = new Map<unknown, unknown>();
  return {
    get(resolverClass: new (dependencies: SubgraphDependencies) => unknown) {
      if (!instances.has(resolverClass)) instances.set(resolverClass, new resolverClass(dependencies));
      return instances.get(resolverClass);
    },
  };
}

/** The metadata a command carries: the verified caller, the request's correlation id, the time. */
export function commandContext(context: SubgraphContext, tenantId: string, now: Date): CommandContext {
  const auth = requireAuth(context);
  return { tenantId, actor: auth.subject, correlationId: context.correlationId, causationId: context.requestId, now };
}
