import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { badUserInput } from '../../../../platform/errors';
import type { SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { requireTrailReader } from './trail-access';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { replayAnswer, replayTenantAsOf } from '../../../../platform/replay';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';
import { AuditReplay } from './audit-replay-types';

@Resolver(() => AuditReplay)
export class AuditReplayResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => AuditReplay, {
    description:
      "The tenant's state as of a time (asOf) or a position of the event log (asOfPosition; give exactly one), rebuilt from its events by every subgraph's own projections: users and roles, identity providers, problems, jobs, the audit trail… Reads the whole log up to that point.",
  })
  async replayAudit(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() context: SubgraphContext,
    @Arg('asOf', () => DateTimeScalar, { nullable: true }) asOf?: Date | string,
    @Arg('asOfPosition', () => Int, { nullable: true }) asOfPosition?: number,
  ): Promise<AuditReplay> {
    requireTrailReader(context, this.deps, tenantId);
    const hasTime = asOf !== undefined && asOf !== null;
    const hasPosition = asOfPosition !== undefined && asOfPosition !== null;
    if (hasTime === hasPosition) throw badUserInput('Give exactly one of asOf (a time) and asOfPosition (a log position).', hasTime ? 'asOfPosition' : 'asOf');
    if (hasPosition && asOfPosition < 0) throw badUserInput('asOfPosition must be 0 or more.', 'asOfPosition');
    const projections = this.deps.readModelProjections;
    if (!projections) throw new Error('replayAudit needs SubgraphDependencies.readModelProjections (ALL_PROJECTIONS), which the hosting process did not provide');
    const replay = await replayTenantAsOf(this.deps.eventStore, tenantId, hasTime ? { time: new Date(asOf) } : { position: asOfPosition }, projections, this.deps.upcasters);
    return replayAnswer(replay);
  }
}
