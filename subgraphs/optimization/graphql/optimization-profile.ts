import { Ctx, Directive, Field, FieldResolver, Float, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { requireTenantAccess, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { DateTimeScalar } from '../../../schema/graphql/scalars';
import { OPTIMIZATION_PROFILES_COLLECTION, type OptimizationProfileDocument } from '../../../schema/read-models/optimization';

@ObjectType()
export class JobCounts {
  @Field(() => Int)
  SUBMITTED!: number;

  @Field(() => Int)
  RUNNING!: number;

  @Field(() => Int)
  COMPLETED!: number;

  @Field(() => Int)
  FAILED!: number;

  @Field(() => Int)
  CANCELLED!: number;
}

@ObjectType({ description: 'The tenant as the optimization subgraph knows it.' })
export class OptimizationProfile {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => DateTimeScalar, { description: 'When this subgraph first saw the tenant.' })
  createdAt!: string;

  @Field(() => Int)
  problemCount!: number;

  @Field(() => JobCounts, { description: 'Solve jobs by their current status.' })
  jobCounts!: JobCounts;

  @Field(() => Float, { description: 'CPU-seconds consumed by finished solve jobs.' })
  cpuSecondsUsed!: number;
}

/** The optimization subgraph's view of the enterprise-owned Tenant entity. */
@ObjectType('Tenant')
@Directive('@key(fields: "id")')
export class OptimizationTenant {
  @Field(() => ID)
  id!: string;
}

@Resolver(() => OptimizationTenant)
export class OptimizationProfileResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @FieldResolver(() => OptimizationProfile, { nullable: true })
  async optimizationProfile(@Root() tenant: OptimizationTenant, @Ctx() context: SubgraphContext): Promise<OptimizationProfile | undefined> {
    requireTenantAccess(context, tenant.id);
    const document = await this.deps.readStore.collection<OptimizationProfileDocument>(OPTIMIZATION_PROFILES_COLLECTION).get(tenant.id);
    return document && { ...document, jobCounts: { ...document.jobCounts } };
  }
}
