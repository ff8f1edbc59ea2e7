import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../schema/graphql/scalars';

export enum ResourceType {
  COMPUTE = 'COMPUTE',
  MEMORY = 'MEMORY',
  STORAGE = 'STORAGE',
  NETWORK = 'NETWORK',
}
registerEnumType(ResourceType, {
  name: 'ResourceType',
  description: "COMPUTE (solves' CPU-seconds, or the tenant's own unit), MEMORY (MB), STORAGE, NETWORK: what is metered, forecast and planned.",
});

export enum UsageGranularity {
  HOUR = 'HOUR',
  DAY = 'DAY',
}
registerEnumType(UsageGranularity, { name: 'UsageGranularity' });

export enum UsageAggregation {
  SUM = 'SUM',
  PEAK = 'PEAK',
}
registerEnumType(UsageAggregation, { name: 'UsageAggregation', description: 'SUM for what adds up over time (COMPUTE, NETWORK), PEAK for levels (MEMORY, STORAGE).' });

@InputType()
export class UsagePointInput {
  @Field(() => DateTimeScalar, { description: 'Any instant of the hour the value is for (stored as the hour).' })
  time!: Date;
  @Field(() => Float, { description: 'A finite number ≥ 0, in the unit the tenant meters this resource in.' })
  value!: number;
}

@InputType()
export class RecordUsageInput {
  @Field(() => ID)
  tenantId!: string;
  @Field(() => ResourceType)
  resourceType!: ResourceType;
  @Field(() => [UsagePointInput], { description: '1 to 1,000 points; points in one hour add up.' })
  points!: UsagePointInput[];
}

@ObjectType()
export class UsageRecording {
  @Field(() => ID)
  tenantId!: string;
  @Field(() => ResourceType)
  resourceType!: ResourceType;
  @Field(() => Int, { description: 'Hours the points fell in.' })
  hours!: number;
  @Field(() => DateTimeScalar)
  from!: string;
  @Field(() => DateTimeScalar, { description: 'The last hour recorded (its start).' })
  to!: string;
}

@ObjectType()
export class UsageSeriesPoint {
  @Field(() => DateTimeScalar, { description: 'The start of the hour or UTC day.' })
  time!: string;
  @Field(() => Float)
  value!: number;
}

@ObjectType()
export class UsageSeries {
  @Field(() => ID)
  tenantId!: string;
  @Field(() => ResourceType)
  resourceType!: ResourceType;
  @Field(() => UsageGranularity)
  granularity!: UsageGranularity;
  @Field(() => UsageAggregation, { description: 'How the hours (and the hours of a day) combine.' })
  aggregation!: UsageAggregation;
  @Field(() => [UsageSeriesPoint], { description: 'Buckets with usage, oldest first; a bucket without any is left out.' })
  points!: UsageSeriesPoint[];
}
