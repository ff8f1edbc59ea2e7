import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from '../../../schema/graphql/scalars';

export enum EvolutionTriggerType {
  PERFORMANCE_THRESHOLD = 'PERFORMANCE_THRESHOLD',
  TIME_BASED = 'TIME_BASED',
  MARKET_CHANGE = 'MARKET_CHANGE',
}
registerEnumType(EvolutionTriggerType, {
  name: 'EvolutionTriggerType',
  description:
    'PERFORMANCE_THRESHOLD: after a solve, a constraint below conditions.feasibilityBelow (default 0.85) over its last conditions.window solves (at least conditions.minSolves); TIME_BASED: every conditions.everyMinutes; MARKET_CHANGE: recordMarketChange naming one of conditions.factors (any when absent).',
});

@InputType()
export class CreateEvolutionTriggerInput {
  @Field(() => ID)
  tenantId!: string;
  @Field(() => EvolutionTriggerType)
  triggerType!: EvolutionTriggerType;
  @Field(() => JSONScalar, { description: 'When it fires; see EvolutionTriggerType.' })
  conditions!: unknown;
  @Field(() => JSONScalar, {
    description: 'What a firing does: a list of {type: EVOLVE_CONSTRAINTS, problemId?, constraintIds?, evolutionStrategy? (BALANCED), performanceThreshold? (0.85), dryRun? (false)}.',
  })
  actions!: unknown;
  @Field(() => Int, { defaultValue: 0, description: 'Triggers firing on the same event run highest first.' })
  priority!: number;
  @Field(() => Boolean, { defaultValue: true })
  isActive!: boolean;
}

@InputType()
export class UpdateEvolutionTriggerInput {
  @Field(() => JSONScalar, { nullable: true })
  conditions?: unknown;
  @Field(() => JSONScalar, { nullable: true })
  actions?: unknown;
  @Field(() => Int, { nullable: true })
  priority?: number;
  @Field(() => Boolean, { nullable: true })
  isActive?: boolean;
}

@ObjectType({ description: "The seed's EvolutionTrigger: when to evolve a tenant's constraints by itself." })
export class EvolutionTrigger {
  @Field(() => ID)
  triggerId!: string;
  @Field(() => ID)
  tenantId!: string;
  @Field(() => EvolutionTriggerType)
  triggerType!: EvolutionTriggerType;
  @Field(() => JSONScalar)
  conditions!: unknown;
  @Field(() => JSONScalar)
  actions!: unknown;
  @Field(() => Int)
  priority!: number;
  @Field(() => Boolean)
  isActive!: boolean;
  @Field(() => String)
  createdBy!: string;
  @Field(() => DateTimeScalar)
  createdAt!: string;
  @Field(() => Int)
  fireCount!: number;
  @Field(() => DateTimeScalar, { nullable: true })
  lastFiredAt?: string | null;
  @Field(() => String, { nullable: true })
  lastFiredReason?: string | null;
}

@ObjectType()
export class MarketChange {
  @Field(() => ID)
  changeId!: string;
  @Field(() => ID)
  tenantId!: string;
  @Field(() => JSONScalar)
  factors!: unknown;
  @Field(() => DateTimeScalar)
  recordedAt!: string;
}
