import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../schema/graphql/scalars';
import { ResourceType } from './usage-types';

export enum ScalingScheduleStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  APPLIED = 'APPLIED',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ScalingScheduleStatus, {
  name: 'ScalingScheduleStatus',
  description: 'PROPOSED (waiting for approval), APPROVED, APPLIED (the scheduler runs its actions), COMPLETED (every action applied or failed).',
});

export enum ScalingActionStatus {
  PENDING = 'PENDING',
  APPLIED = 'APPLIED',
  FAILED = 'FAILED',
}
registerEnumType(ScalingActionStatus, { name: 'ScalingActionStatus' });

@InputType()
export class OptimizeScalingScheduleInput {
  @Field(() => ID)
  tenantId!: string;
  @Field(() => ID, { description: "The policy whose rules the schedule keeps; it plans the policy's resource." })
  policyId!: string;
  @Field(() => [ID], { nullable: true, description: "Forecasts to plan against; the newest of the policy's resource is used. Default: the newest forecast of that resource." })
  predictionIds?: string[];
}

@ObjectType()
export class ScalingAction {
  @Field(() => ID)
  actionId!: string;
  @Field(() => ResourceType)
  resourceType!: ResourceType;
  @Field(() => Int)
  targetCapacity!: number;
  @Field(() => Int)
  fromCapacity!: number;
  @Field(() => DateTimeScalar, { description: 'When the scheduler runs it: the hour it is for, less the policy buffer.' })
  scheduledTime!: string;
  @Field(() => DateTimeScalar, { description: 'The hour the capacity is for.' })
  time!: string;
  @Field(() => ScalingActionStatus)
  status!: ScalingActionStatus;
  @Field(() => DateTimeScalar, { nullable: true })
  settledAt!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it failed, or which later action superseded it.' })
  reason!: string | null;
}

@ObjectType({ description: 'An hour the schedule cannot cover, and by how much (capacity units).' })
export class ScheduleShortfall {
  @Field(() => DateTimeScalar)
  time!: string;
  @Field(() => Int)
  required!: number;
  @Field(() => Int)
  capacity!: number;
  @Field(() => Int)
  short!: number;
}

@ObjectType({ description: "The seed's ScalingSchedule: capacity per hour at least cost under a policy, and the actions that set it." })
export class ScalingSchedule {
  @Field(() => ID)
  scheduleId!: string;
  @Field(() => ID)
  tenantId!: string;
  @Field(() => ID)
  policyId!: string;
  @Field(() => ResourceType)
  resourceType!: ResourceType;
  @Field(() => ScalingScheduleStatus)
  status!: ScalingScheduleStatus;
  @Field(() => Float, { description: 'Unit-hours and actions at the policy prices.' })
  cost!: number;
  @Field(() => Float, { description: 'The share of hours whose capacity covers their demand at the policy quantile.' })
  coverage!: number;
  @Field(() => Float)
  coverageTarget!: number;
  @Field(() => Boolean)
  meetsCoverageTarget!: boolean;
  @Field(() => [ScalingAction])
  actions!: ScalingAction[];
  @Field(() => [ScheduleShortfall], { description: 'Hours that fall short, and by how much: never under-provisioned silently.' })
  shortfalls!: ScheduleShortfall[];
  @Field(() => Boolean, { description: 'The cost limit, not the capacity rules, is why hours fall short.' })
  costLimitBinding!: boolean;
  @Field(() => DateTimeScalar, { description: 'The first hour planned.' })
  start!: string;
  @Field(() => [Int], { description: 'Capacity units per hour from start.' })
  capacities!: number[];
  @Field(() => [Int], { description: "Units each hour's forecast demand needs at the policy quantile." })
  required!: number[];
  @Field(() => Float, { description: 'The demand one unit serves in an hour, as the policy said when this was planned.' })
  unitSize!: number;
  @Field(() => Float, { description: 'The quantile of the forecast demand the plan covers.' })
  demandQuantile!: number;
  @Field(() => String, { description: 'exact (dynamic programming) or genetic: SCALING_OPTIMIZATION_ALGORITHM.' })
  algorithm!: string;
  @Field(() => String, { description: 'EXACT (proven least shortfall, then least cost), HEURISTIC (genetic), or BUDGET_BOUNDED (the best found under a binding cost limit; see shortfallLowerBound).' })
  optimality!: string;
  @Field(() => Int, { nullable: true, description: 'Under BUDGET_BOUNDED: the least total shortfall (unit-hours) any schedule within the cost limit can have.' })
  shortfallLowerBound!: number | null;
  @Field(() => [ID])
  predictionIds!: string[];
  @Field(() => Boolean)
  requiresApproval!: boolean;
  @Field(() => String)
  proposedBy!: string;
  @Field(() => DateTimeScalar)
  proposedAt!: string;
  @Field(() => String, { nullable: true })
  approvedBy!: string | null;
  @Field(() => DateTimeScalar, { nullable: true })
  approvedAt!: string | null;
  @Field(() => DateTimeScalar, { nullable: true })
  appliedAt!: string | null;
}
