import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { badUserInput } from '../../../../platform/errors';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { requirePlatformAdmin, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import type { ParkedEventStatus as StoredStatus } from '../../../../platform/health/parked-event';
import { requestParkedEventDecision, type ParkedEventDecision } from '../parked-event-requests';
import { ParkedEvent, ParkedEventStatus, toParkedEvent } from './parked-event-types';

/** Platform operations: the events projections parked, and the operators' retries and skips of them. */
@Resolver(() => ParkedEvent)
export class ParkedEventResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => [ParkedEvent], { description: 'Events the projections parked, oldest first. Platform administrators only.' })
  async parkedEvents(
    @Ctx() context: SubgraphContext,
    @Arg('projection', () => String, { nullable: true, description: 'One projection\'s; every projection\'s by default.' }) projection?: string,
    @Arg('status', () => ParkedEventStatus, { nullable: true, defaultValue: ParkedEventStatus.PARKED, description: 'PARKED by default; null for every status.' }) status?: ParkedEventStatus | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<ParkedEvent[]> {
    requirePlatformAdmin(context);
    assertPageSize(first);
    const known = this.deps.parkedEvents.projections;
    if (projection != null && !known.includes(projection)) throw badUserInput(`There is no projection ${projection}; the projections are ${known.join(', ')}.`, 'projection');
    const parked = await this.deps.parkedEvents.list({ projection: projection ?? undefined, status: status ? (status.toLowerCase() as StoredStatus) : undefined, first });
    return parked.map(toParkedEvent);
  }

  @Mutation(() => ParkedEvent, {
    description: 'Folds a parked event again (once its projection can): RETRIED when it went through, still PARKED with the new error when not. Audited in the event\'s tenant. Platform administrators only.',
  })
  async retryParkedEvent(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext): Promise<ParkedEvent> {
    return this.decide(context, id, { type: 'retry' });
  }

  @Mutation(() => ParkedEvent, { description: 'Leaves a parked event out of its read model for good (SKIPPED). Audited in the event\'s tenant. Platform administrators only.' })
  async skipParkedEvent(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why; up to 500 characters, kept in the audit trail.' }) reason: string,
    @Ctx() context: SubgraphContext,
  ): Promise<ParkedEvent> {
    return this.decide(context, id, { type: 'skip', reason });
  }

  /** Requests the decision, then answers once the projection has acted on it (read-your-writes). */
  private async decide(context: SubgraphContext, id: string, decision: ParkedEventDecision): Promise<ParkedEvent> {
    requirePlatformAdmin(context);
    const { parked, position } = await requestParkedEventDecision(this.deps, callerOf(context), id, decision);
    const isReadModel = (this.deps.readModelProjections ?? []).some((projection) => projection.name === parked.projection);
    await (isReadModel ? this.deps.waitForReadModels(position) : this.deps.waitForAuditChain(position));
    return toParkedEvent((await this.deps.parkedEvents.get(id)) ?? parked);
  }
}
