import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { DomainError } from '../../../platform/commands/decider';
import { executeCommand } from '../../../platform/commands/execute-command';
import { badUserInput, ErrorCode, notFound } from '../../../platform/errors';
import { requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { ResourceTypeName } from '../../../schema/events';
import {
  DEMAND_PREDICTIONS_COLLECTION,
  SCALING_POLICIES_COLLECTION,
  SCALING_SCHEDULES_COLLECTION,
  TENANT_CAPACITIES_COLLECTION,
  type DemandPredictionDocument,
  type ScalingPolicyDocument,
  type ScalingScheduleDocument,
  type TenantCapacityDocument,
} from '../../../schema/read-models/scaling';
import { definitionOf } from '../domain/scaling-policy-decider';
import { scalingSchedules } from '../domain/command-handlers';
import { planSchedule } from '../schedules/plan-schedule';
import { OptimizeScalingScheduleInput, ScalingSchedule, ScalingScheduleStatus } from './schedule-types';

const MAX_SCHEDULES = 100;
const MAX_PREDICTION_IDS = 20;

@Resolver()
export class ScheduleResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => ScalingSchedule, {
    description:
      "The seed's optimize_scaling_schedule: capacity per hour at least cost that covers the forecast demand at the policy's quantile within its rules (exact dynamic programming by default); hours the rules or cost limit leave short are listed. Approved at once under autoApproval, else waiting for approveScalingSchedule.",
  })
  async optimizeScalingSchedule(@Arg('input', () => OptimizeScalingScheduleInput) input: OptimizeScalingScheduleInput, @Ctx() context: SubgraphContext): Promise<ScalingSchedule> {
    requireTenantAccess(context, input.tenantId);
    const policy = await this.deps.readStore.collection<ScalingPolicyDocument>(SCALING_POLICIES_COLLECTION).get(input.policyId);
    if (!policy || policy.tenantId !== input.tenantId) throw badUserInput(`Scaling policy ${input.policyId} does not exist.`, 'input.policyId');
    const prediction = await this.predictionFor(input, policy.resourceType);
    const scheduleId = randomUUID();
    const schedule = planSchedule({
      scheduleId,
      policy: definitionOf(policy),
      prediction,
      initialCapacity: await this.capacityNow(input.tenantId, policy.resourceType, policy.scalingRules.minCapacity),
      algorithm: this.deps.config.scaling.optimizationAlgorithm,
    });
    const caller = callerOf(context);
    await executeCommand(this.deps, caller, scalingSchedules, { type: 'ProposeScalingSchedule', schedule, by: caller.actor, at: this.deps.clock().toISOString() }, { tenantId: input.tenantId, target: scheduleId });
    return this.read(scheduleId);
  }

  @Mutation(() => ScalingSchedule, { description: 'Approves a schedule waiting for approval; never by the one who asked for it.' })
  async approveScalingSchedule(@Arg('scheduleId', () => ID) scheduleId: string, @Ctx() context: SubgraphContext): Promise<ScalingSchedule> {
    const schedule = await this.visible(scheduleId, context);
    const caller = callerOf(context);
    await executeCommand(this.deps, caller, scalingSchedules, { type: 'ApproveScalingSchedule', scheduleId, tenantId: schedule.tenantId, by: caller.actor, at: this.deps.clock().toISOString() }, { tenantId: schedule.tenantId, target: scheduleId });
    return this.read(scheduleId);
  }

  @Mutation(() => ScalingSchedule, {
    description: "Hands an approved schedule to the scheduler, which runs each action at its time less the policy buffer (ScalingActionApplied or ScalingActionFailed); the policy must be FORECAST_AND_SCALE.",
  })
  async applyScalingSchedule(@Arg('scheduleId', () => ID) scheduleId: string, @Ctx() context: SubgraphContext): Promise<ScalingSchedule> {
    const schedule = await this.visible(scheduleId, context);
    const policy = await this.deps.readStore.collection<ScalingPolicyDocument>(SCALING_POLICIES_COLLECTION).get(schedule.policyId);
    if (policy?.scalingRules.mode !== 'FORECAST_AND_SCALE') {
      throw new DomainError(
        ErrorCode.Conflict,
        `Scaling policy ${schedule.policyId} is FORECAST_ONLY: its schedules are plans. Set its mode to FORECAST_AND_SCALE (updateScalingPolicy) to apply them.`,
        { reason: 'FORECAST_ONLY' },
      );
    }
    const caller = callerOf(context);
    await executeCommand(this.deps, caller, scalingSchedules, { type: 'ApplyScalingSchedule', scheduleId, tenantId: schedule.tenantId, by: caller.actor, at: this.deps.clock().toISOString() }, { tenantId: schedule.tenantId, target: scheduleId });
    return this.read(scheduleId);
  }

  @Query(() => ScalingSchedule)
  async scalingSchedule(@Arg('scheduleId', () => ID) scheduleId: string, @Ctx() context: SubgraphContext): Promise<ScalingSchedule> {
    return toSchedule(await this.visible(scheduleId, context));
  }

  @Query(() => [ScalingSchedule], { description: "A tenant's schedules, newest first (those of one status when given)." })
  async scalingSchedules(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('status', () => ScalingScheduleStatus, { nullable: true }) status: ScalingScheduleStatus | undefined,
    @Ctx() context: SubgraphContext,
  ): Promise<ScalingSchedule[]> {
    requireTenantAccess(context, tenantId);
    const page = await this.collection().find({ where: { tenantId, ...(status && { status }) }, sort: [{ field: 'proposedAt', direction: 'desc' }], first: MAX_SCHEDULES });
    return page.items.map(toSchedule);
  }

  /** The newest forecast of the resource among those named, or of the tenant when none is named. */
  private async predictionFor(input: OptimizeScalingScheduleInput, resourceType: ResourceTypeName): Promise<DemandPredictionDocument> {
    const predictions = this.deps.readStore.collection<DemandPredictionDocument>(DEMAND_PREDICTIONS_COLLECTION);
    if (!input.predictionIds?.length) {
      const [newest] = (await predictions.find({ where: { tenantId: input.tenantId, resourceType }, sort: [{ field: 'generatedAt', direction: 'desc' }], first: 1 })).items;
      if (!newest) throw badUserInput(`There is no forecast of ${resourceType} yet: call predictResourceDemand first.`, 'input.predictionIds');
      return newest;
    }
    if (input.predictionIds.length > MAX_PREDICTION_IDS) throw badUserInput(`At most ${MAX_PREDICTION_IDS} predictionIds.`, 'input.predictionIds');
    const named = await Promise.all(input.predictionIds.map((id) => predictions.get(id)));
    named.forEach((prediction, index) => {
      if (!prediction || prediction.tenantId !== input.tenantId) throw badUserInput(`Prediction ${input.predictionIds![index]} does not exist.`, `input.predictionIds[${index}]`);
    });
    const ofResource = named.filter((prediction): prediction is DemandPredictionDocument => prediction!.resourceType === resourceType);
    if (ofResource.length === 0) throw badUserInput(`None of the predictions is of ${resourceType}, the policy's resource.`, 'input.predictionIds');
    return ofResource.reduce((newest, prediction) => (prediction.generatedAt > newest.generatedAt ? prediction : newest));
  }

  /** The capacity in force: as scaling actions last set it, else the platform's default (COMPUTE) or the policy minimum. */
  private async capacityNow(tenantId: string, resourceType: ResourceTypeName, policyMinimum: number): Promise<number> {
    const current = await this.deps.readStore.collection<TenantCapacityDocument>(TENANT_CAPACITIES_COLLECTION).get(`${tenantId}:${resourceType}`);
    if (current) return current.capacity;
    return resourceType === 'COMPUTE' ? this.deps.config.solveJobs.perTenantRunning : policyMinimum;
  }

  private async visible(scheduleId: string, context: SubgraphContext): Promise<ScalingScheduleDocument> {
    const schedule = await this.collection().get(scheduleId);
    if (!schedule) throw notFound('Scaling schedule', scheduleId);
    requireVisibleItem(context, schedule.tenantId, () => notFound('Scaling schedule', scheduleId));
    return schedule;
  }

  private async read(scheduleId: string): Promise<ScalingSchedule> {
    const schedule = await this.collection().get(scheduleId);
    if (!schedule) throw notFound('Scaling schedule', scheduleId);
    return toSchedule(schedule);
  }

  private collection() {
    return this.deps.readStore.collection<ScalingScheduleDocument>(SCALING_SCHEDULES_COLLECTION);
  }
}

function toSchedule(schedule: ScalingScheduleDocument): ScalingSchedule {
  return {
    ...schedule,
    status: schedule.status as ScalingScheduleStatus,
    resourceType: schedule.resourceType as ScalingSchedule['resourceType'],
    meetsCoverageTarget: schedule.coverage >= schedule.coverageTarget,
    optimality: schedule.optimality.kind,
    shortfallLowerBound: schedule.optimality.kind === 'BUDGET_BOUNDED' ? schedule.optimality.shortfallLowerBound : null,
    actions: schedule.actions.map((action) => ({ ...action, resourceType: action.resourceType as ScalingSchedule['resourceType'], status: action.status as ScalingSchedule['actions'][number]['status'] })),
    shortfalls: [...schedule.shortfalls],
    capacities: [...schedule.capacities],
    required: [...schedule.required],
    predictionIds: [...schedule.predictionIds],
  };
}
