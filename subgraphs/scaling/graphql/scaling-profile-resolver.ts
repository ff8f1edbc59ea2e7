import { Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { DateTimeScalar } from '../../../schema/graphql/scalars';
import { TENANT_CAPACITIES_COLLECTION, type TenantCapacityDocument } from '../../../schema/read-models/scaling';
import { ResourceType } from './usage-types';

@ObjectType({ description: 'A capacity as the last applied scaling action set it.' })
export class TenantCapacity {
  @Field(() => ResourceType)
  resourceType!: ResourceType;
  @Field(() => Int)
  capacity!: number;
  @Field(() => DateTimeScalar)
  changedAt!: string;
  @Field(() => String)
  scheduleId!: string;
  @Field(() => String)
  actionId!: string;
}

/** The scaling subgraph's fields of `Tenant.scalingProfile` beyond its id: what scaling has set. */
export function scalingProfileResolver(profileType: Function) {
  @Resolver(() => profileType)
  class ScalingProfileResolver {
    constructor(private readonly deps: SubgraphDependencies) {}

    @FieldResolver(() => [TenantCapacity], { description: 'Each resource whose capacity a scaling action set.' })
    async capacities(@Root() profile: { tenantId: string }): Promise<TenantCapacity[]> {
      return (await this.capacityDocuments(profile.tenantId)).map((document) => ({ ...document, resourceType: document.resourceType as ResourceType }));
    }

    @FieldResolver(() => Int, { description: "Solve jobs the tenant may run at once: its COMPUTE capacity as scaling set it, or the platform's default (SOLVE_JOBS_PER_TENANT)." })
    async solverAllowance(@Root() profile: { tenantId: string }): Promise<number> {
      const compute = (await this.capacityDocuments(profile.tenantId)).find((document) => document.resourceType === 'COMPUTE');
      return compute?.capacity ?? this.deps.config.solveJobs.perTenantRunning;
    }

    private async capacityDocuments(tenantId: string): Promise<TenantCapacityDocument[]> {
      return (await this.deps.readStore.collection<TenantCapacityDocument>(TENANT_CAPACITIES_COLLECTION).find({ where: { tenantId }, first: 10 })).items;
    }
  }
  return ScalingProfileResolver;
}
