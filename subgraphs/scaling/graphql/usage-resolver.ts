import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { recordFacts } from '../../../platform/commands/execute-command';
import { requireTenantAccess, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { DateTimeScalar } from '../../../schema/graphql/scalars';
import { checkedUsagePoints } from '../metering/usage-points';
import { usageFacts } from '../metering/usage-facts';
import { readUsageSeries } from '../metering/usage-series';
import { RecordUsageInput, ResourceType, UsageAggregation, UsageGranularity, UsageRecording, UsageSeries } from './usage-types';

@Resolver()
export class UsageResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => UsageRecording, {
    description: "Records usage the tenant measured itself, hour by hour (UsageRecorded); longer series go through `goliath usage import`. Solves are metered by themselves.",
  })
  async recordUsage(@Arg('input', () => RecordUsageInput) input: RecordUsageInput, @Ctx() context: SubgraphContext): Promise<UsageRecording> {
    requireTenantAccess(context, input.tenantId);
    const points = checkedUsagePoints(input.points);
    const caller = callerOf(context);
    const facts = usageFacts({ tenantId: input.tenantId, resourceType: input.resourceType, source: 'RECORDED', points, recordedBy: caller.actor, recordedAt: this.deps.clock().toISOString() });
    const position = await recordFacts(this.deps, caller, facts, { tenantId: input.tenantId, target: input.resourceType });
    await this.deps.waitForReadModels(position);
    const hours = [...new Set(points.map((point) => point.time))].sort();
    return { tenantId: input.tenantId, resourceType: input.resourceType, hours: hours.length, from: hours[0], to: hours[hours.length - 1] };
  }

  @Query(() => UsageSeries, { description: "A tenant's metered usage of one resource in [from, to), by hour or by UTC day (at most a year)." })
  async usageSeries(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('resourceType', () => ResourceType) resourceType: ResourceType,
    @Arg('from', () => DateTimeScalar) from: Date,
    @Arg('to', () => DateTimeScalar) to: Date,
    @Arg('granularity', () => UsageGranularity, { defaultValue: UsageGranularity.HOUR }) granularity: UsageGranularity,
    @Ctx() context: SubgraphContext,
  ): Promise<UsageSeries> {
    requireTenantAccess(context, tenantId);
    const series = await readUsageSeries(this.deps.readStore, { tenantId, resourceType, from, to, granularity });
    return { tenantId, resourceType, granularity, aggregation: series.aggregation as UsageAggregation, points: series.points };
  }
}
