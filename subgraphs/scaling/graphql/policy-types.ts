import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../schema/graphql/scalars';
import { ResourceType } from './usage-types';

export enum ScalingMode {
  FORECAST_ONLY = 'FORECAST_ONLY',
  FORECAST_AND_SCALE = 'FORECAST_AND_SCALE',
}
registerEnumType(ScalingMode, { name: 'ScalingMode', description: 'FORECAST_ONLY plans and shows schedules; FORECAST_AND_SCALE also applies them once approved.' });

export enum DayOfWeek {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}
registerEnumType(DayOfWeek, { name: 'DayOfWeek' });

@ObjectType({ description: 'Other capacity bounds for some hours of the week (UTC); a later window overrides an earlier one.' })
export class CapacityWindow {
  @Field(() => [DayOfWeek])
  daysOfWeek!: DayOfWeek[];
  @Field(() => Int, { description: 'First hour, 0–23.' })
  fromHour!: number;
  @Field(() => Int, { description: 'The hour it ends at (exclusive), 1–24.' })
  toHour!: number;
  @Field(() => Int)
  minCapacity!: number;
  @Field(() => Int)
  maxCapacity!: number;
}

@InputType()
export class CapacityWindowInput {
  @Field(() => [DayOfWeek])
  daysOfWeek!: DayOfWeek[];
  @Field(() => Int)
  fromHour!: number;
  @Field(() => Int)
  toHour!: number;
  @Field(() => Int)
  minCapacity!: number;
  @Field(() => Int)
  maxCapacity!: number;
}

@ObjectType({ description: "How a policy scales: the seed's scaling rules." })
export class ScalingRules {
  @Field(() => ScalingMode)
  mode!: ScalingMode;
  @Field(() => Int, { description: 'Capacity units, outside the windows.' })
  minCapacity!: number;
  @Field(() => Int)
  maxCapacity!: number;
  @Field(() => [CapacityWindow])
  capacityWindows!: CapacityWindow[];
  @Field(() => Int, { nullable: true, description: 'The most capacity may change from one hour to the next; null: no limit.' })
  maxStepChange!: number | null;
  @Field(() => Int, { description: 'An action runs this many minutes before the hour it is for.' })
  schedulingBufferMinutes!: number;
  @Field(() => Float, { description: "The quantile of each hour's forecast demand its capacity covers (0.5: the expected demand)." })
  demandQuantile!: number;
  @Field(() => Float, { description: 'The demand one capacity unit serves in an hour, in the metered unit (COMPUTE: 3,600 CPU-seconds, one solver thread busy).' })
  unitSize!: number;
  @Field(() => Float)
  unitCostPerHour!: number;
  @Field(() => Float, { description: 'What each change of capacity costs.' })
  costPerAction!: number;
  @Field(() => Int, { description: 'Capacity bought is held at least this many hours.' })
  minHoldHours!: number;
}

@InputType({ description: 'Any rule left out keeps its current value, or its default on creation (FORECAST_ONLY, 1–4 units, no windows, no step limit, 10-minute buffer, quantile 0.95, unit 3,600 for COMPUTE and 1 otherwise, cost 1 per unit-hour, 0 per action, 1-hour hold).' })
export class ScalingRulesInput {
  @Field(() => ScalingMode, { nullable: true })
  mode?: ScalingMode;
  @Field(() => Int, { nullable: true })
  minCapacity?: number;
  @Field(() => Int, { nullable: true })
  maxCapacity?: number;
  @Field(() => [CapacityWindowInput], { nullable: true })
  capacityWindows?: CapacityWindowInput[];
  @Field(() => Int, { nullable: true, description: 'null removes the limit.' })
  maxStepChange?: number | null;
  @Field(() => Int, { nullable: true })
  schedulingBufferMinutes?: number;
  @Field(() => Float, { nullable: true })
  demandQuantile?: number;
  @Field(() => Float, { nullable: true })
  unitSize?: number;
  @Field(() => Float, { nullable: true })
  unitCostPerHour?: number;
  @Field(() => Float, { nullable: true })
  costPerAction?: number;
  @Field(() => Int, { nullable: true })
  minHoldHours?: number;
}

@ObjectType()
export class CostLimits {
  @Field(() => Float, { nullable: true, description: 'The most one schedule may cost; null: no limit.' })
  maxScheduleCost!: number | null;
}

@InputType()
export class CostLimitsInput {
  @Field(() => Float, { nullable: true, description: 'null removes the limit.' })
  maxScheduleCost?: number | null;
}

@ObjectType()
export class PerformanceTargets {
  @Field(() => Float, { description: 'The share of hours a schedule must cover.' })
  coverage!: number;
}

@InputType()
export class PerformanceTargetsInput {
  @Field(() => Float, { nullable: true, description: 'Default 0.99.' })
  coverage?: number;
}

@ObjectType({ description: "The seed's ScalingPolicy: how one resource of a tenant is planned and scaled." })
export class ScalingPolicy {
  @Field(() => ID)
  policyId!: string;
  @Field(() => ID)
  tenantId!: string;
  @Field(() => ResourceType)
  resourceType!: ResourceType;
  @Field(() => ScalingRules)
  scalingRules!: ScalingRules;
  @Field(() => CostLimits)
  costLimits!: CostLimits;
  @Field(() => PerformanceTargets)
  performanceTargets!: PerformanceTargets;
  @Field(() => Boolean, { description: 'Schedules apply without approveScalingSchedule.' })
  autoApproval!: boolean;
  @Field(() => Boolean, { description: 'One active policy per tenant and resource.' })
  isActive!: boolean;
  @Field(() => String)
  createdBy!: string;
  @Field(() => DateTimeScalar)
  createdAt!: string;
  @Field(() => String)
  updatedBy!: string;
  @Field(() => DateTimeScalar)
  updatedAt!: string;
}

@InputType()
export class CreateScalingPolicyInput {
  @Field(() => ID)
  tenantId!: string;
  @Field(() => ResourceType)
  resourceType!: ResourceType;
  @Field(() => ScalingRulesInput, { nullable: true })
  scalingRules?: ScalingRulesInput;
  @Field(() => CostLimitsInput, { nullable: true })
  costLimits?: CostLimitsInput;
  @Field(() => PerformanceTargetsInput, { nullable: true })
  performanceTargets?: PerformanceTargetsInput;
  @Field(() => Boolean, { defaultValue: false })
  autoApproval!: boolean;
  @Field(() => Boolean, { defaultValue: true })
  isActive!: boolean;
}

@InputType({ description: 'What is given changes; the rest stays.' })
export class UpdateScalingPolicyInput {
  @Field(() => ScalingRulesInput, { nullable: true })
  scalingRules?: ScalingRulesInput;
  @Field(() => CostLimitsInput, { nullable: true })
  costLimits?: CostLimitsInput;
  @Field(() => PerformanceTargetsInput, { nullable: true })
  performanceTargets?: PerformanceTargetsInput;
  @Field(() => Boolean, { nullable: true })
  autoApproval?: boolean;
  @Field(() => Boolean, { nullable: true })
  isActive?: boolean;
}
