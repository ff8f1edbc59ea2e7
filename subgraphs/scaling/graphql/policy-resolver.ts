import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { executeCommand } from '../../../platform/commands/execute-command';
import { notFound } from '../../../platform/errors';
import { requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { SCALING_POLICIES_COLLECTION, type ScalingPolicyDocument } from '../../../schema/read-models/scaling';
import { scalingPolicies } from '../domain/command-handlers';
import { defaultScalingRules, policyFrom, type PolicyGiven } from '../policies/policy-input';
import { CreateScalingPolicyInput, ScalingPolicy, UpdateScalingPolicyInput } from './policy-types';
import { ResourceType } from './usage-types';

const MAX_POLICIES = 1000;

@Resolver()
export class PolicyResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => ScalingPolicy, { description: 'Defines how one resource of a tenant is planned and scaled; a second active policy for it, or bounds that cannot hold, is SCALING_POLICY_CONFLICT.' })
  async createScalingPolicy(@Arg('input', () => CreateScalingPolicyInput) input: CreateScalingPolicyInput, @Ctx() context: SubgraphContext): Promise<ScalingPolicy> {
    requireTenantAccess(context, input.tenantId);
    const defaults = { scalingRules: defaultScalingRules(input.resourceType), costLimits: { maxScheduleCost: null }, performanceTargets: { coverage: 0.99 }, autoApproval: false, isActive: true };
    const policyId = randomUUID();
    const definition = { policyId, tenantId: input.tenantId, resourceType: input.resourceType, ...policyFrom(defaults, given(input)) };
    const caller = callerOf(context);
    await executeCommand(this.deps, caller, scalingPolicies, { type: 'CreateScalingPolicy', definition, by: caller.actor, at: this.deps.clock().toISOString() }, { tenantId: input.tenantId, target: policyId });
    return this.read(policyId);
  }

  @Mutation(() => ScalingPolicy, { description: 'Changes what is given and keeps the rest; checked for conflicts as on creation.' })
  async updateScalingPolicy(
    @Arg('policyId', () => ID) policyId: string,
    @Arg('input', () => UpdateScalingPolicyInput) input: UpdateScalingPolicyInput,
    @Ctx() context: SubgraphContext,
  ): Promise<ScalingPolicy> {
    const current = await this.collection().get(policyId);
    if (!current) throw notFound('Scaling policy', policyId);
    requireVisibleItem(context, current.tenantId, () => notFound('Scaling policy', policyId));
    const changes = policyFrom(current, given(input));
    const caller = callerOf(context);
    await executeCommand(
      this.deps,
      caller,
      scalingPolicies,
      { type: 'UpdateScalingPolicy', policyId, tenantId: current.tenantId, resourceType: current.resourceType, changes, by: caller.actor, at: this.deps.clock().toISOString() },
      { tenantId: current.tenantId, target: policyId },
    );
    return this.read(policyId);
  }

  @Query(() => [ScalingPolicy], { description: "The seed's get_scaling_policies: a tenant's policies, oldest first (one resource's when given)." })
  async scalingPolicies(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('resourceType', () => ResourceType, { nullable: true }) resourceType: ResourceType | undefined,
    @Ctx() context: SubgraphContext,
  ): Promise<ScalingPolicy[]> {
    requireTenantAccess(context, tenantId);
    const page = await this.collection().find({ where: { tenantId, ...(resourceType && { resourceType }) }, sort: [{ field: 'createdAt', direction: 'asc' }], first: MAX_POLICIES });
    return page.items.map(toPolicy);
  }

  private async read(policyId: string): Promise<ScalingPolicy> {
    const document = await this.collection().get(policyId);
    if (!document) throw notFound('Scaling policy', policyId);
    return toPolicy(document);
  }

  private collection() {
    return this.deps.readStore.collection<ScalingPolicyDocument>(SCALING_POLICIES_COLLECTION);
  }
}

function given(input: CreateScalingPolicyInput | UpdateScalingPolicyInput): PolicyGiven {
  return {
    scalingRules: input.scalingRules,
    ...(input.costLimits && 'maxScheduleCost' in input.costLimits && { maxScheduleCost: input.costLimits.maxScheduleCost }),
    coverage: input.performanceTargets?.coverage,
    autoApproval: input.autoApproval,
    isActive: input.isActive,
  };
}

function toPolicy(document: ScalingPolicyDocument): ScalingPolicy {
  return document as unknown as ScalingPolicy;
}
