import type { ContainerType } from 'type-graphql';
import type { CommandCaller } from '../commands/command-caller';
import type { CommandDependencies } from '../commands/execute-command';
import type { ComplianceCatalog } from '../compliance/compliance-catalog';
import type { Counters } from '../coordination/counters';
import { SERVICE_ACTOR_PREFIX } from '../commands/service-principal';
import { forbidden } from '../errors';
import type { PlatformConfig } from '../config';
import type { ParkedEventLog } from '../health/parked-event-log';
import type { Logger } from '../logging';
import type { ReadStore } from '../readstore/port';
import type { ReplayProjection } from '../replay/replay-projection';
import type { SubgraphContext } from './subgraph-context';
import { requireAuth } from './subgraph-context';

/**
 * What every subgraph's resolvers work with; the process that hosts the subgraph provides it.
 * The command path's part (event store, upcasters, clock, read-your-writes wait) comes first.
 */
export interface SubgraphDependencies extends CommandDependencies {
  readonly readStore: ReadStore;
  /** Resolves once the audit chainer has linked every change's record up to `position` into its trail. */
  readonly waitForAuditChain: (position: number) => Promise<void>;
  readonly config: PlatformConfig;
  readonly logger: Logger;
  /**
   * Every read model's projection (projections/ ALL_PROJECTIONS), for replaying a tenant as of a
   * point in time. Handed in by the hosting process because subgraphs may not import projections/.
   */
  readonly readModelProjections?: readonly ReplayProjection[];
  /**
   * The compliance catalogue (schema/compliance COMPLIANCE_CATALOG) the guard and checkCompliance
   * evaluate. Handed in by the hosting process because platform/ knows no domain.
   */
  readonly compliance: ComplianceCatalog;
  /** The events the projection runner parked, for the operators' API (subgraphs/enterprise/operations). */
  readonly parkedEvents: ParkedEventLog;
  /** Counts every replica of the subgraph shares (sign-in lockouts): in the database when replicas share one. */
  readonly counters: Counters;
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

/**
 * The signed-in caller of a mutation, as the command path records it. A token can never act as a
 * service principal: their names are reserved for work with no caller.
 */
export function callerOf(context: SubgraphContext): CommandCaller {
  const auth = requireAuth(context);
  if (auth.subject.startsWith(SERVICE_ACTOR_PREFIX)) throw forbidden(`Subjects starting with "${SERVICE_ACTOR_PREFIX}" are reserved for Goliath's own background work.`);
  return anonymousCaller(context, auth.subject);
}

/** The caller of a public mutation (refreshing a session), named as well as it can be. */
export function anonymousCaller(context: SubgraphContext, actor: string): CommandCaller {
  if (!context.audit) throw new Error('A command ran outside an audited mutation: put auditMutations first in the subgraph\'s middleware.');
  return { actor, correlationId: context.correlationId, causationId: context.requestId, audit: context.audit };
}
