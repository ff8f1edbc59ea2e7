import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../schema/graphql/scalars';

export enum TrendDirection {
  IMPROVING = 'IMPROVING',
  STABLE = 'STABLE',
  DECLINING = 'DECLINING',
}
registerEnumType(TrendDirection, { name: 'TrendDirection', description: "Whether a constraint's feasibility rate rose, held or fell from the earlier half of its solves to the later half." });

@ObjectType()
export class PerformanceTrend {
  @Field(() => TrendDirection)
  direction!: TrendDirection;
  @Field(() => Float, { description: "The later half's feasibility rate minus the earlier half's." })
  feasibilityRateChange!: number;
}

@ObjectType({ description: 'What a constraint costs in objective, measured by shadow solves with and without it (measureConstraintPrice).' })
export class ConstraintPrice {
  @Field(() => Float, { nullable: true, description: 'Mean best objective (as the problem states it) of the solves that satisfied every constraint; null when none did.' })
  withConstraint?: number | null;
  @Field(() => Float, { nullable: true, description: 'The same with this constraint left out.' })
  withoutConstraint?: number | null;
  @Field(() => Float, { nullable: true, description: 'How much objective the constraint costs (≥ 0 up to noise); null when either side found nothing feasible.' })
  price?: number | null;
  @Field(() => Float, { nullable: true, description: 'price relative to |withoutConstraint|.' })
  relativePrice?: number | null;
  @Field(() => Int)
  shadowSolves!: number;
  @Field(() => Int)
  shadowTimeLimitMs!: number;
  @Field(() => DateTimeScalar)
  measuredAt!: string;
}

@ObjectType({ description: 'How a constraint performed over a stretch of solves.' })
export class ConstraintPerformance {
  @Field(() => ID)
  constraintId!: string;
  @Field(() => ID)
  problemId!: string;
  @Field(() => ID)
  tenantId!: string;
  @Field(() => DateTimeScalar, { nullable: true })
  from?: string;
  @Field(() => DateTimeScalar, { nullable: true })
  to?: string;
  @Field(() => Int, { description: 'Solves of its problem that recorded it (optimizeQubo and solve jobs).' })
  solves!: number;
  @Field(() => Float, { description: "The share of those solves whose best sample satisfied it, 0…1." })
  feasibilityRate!: number;
  @Field(() => Float, { description: "Mean violation of the best sample, in the constraint's own units." })
  meanViolation!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean relative gap between the best objective satisfying it and the best feasible objective ever seen for the problem (0 = as good as the best); null until one solve was feasible.',
  })
  meanObjectiveGap?: number | null;
  @Field(() => Float, { nullable: true, description: 'The best feasible objective ever seen for the problem, as the problem states its objective.' })
  bestFeasibleObjective?: number | null;
  @Field(() => PerformanceTrend, { nullable: true, description: 'Null with fewer than 4 solves.' })
  trend?: PerformanceTrend | null;
  @Field(() => Float, { description: "CPU milliseconds of those solves, each shared equally among its constraints." })
  cpuMs!: number;
  @Field(() => Float, { description: 'The weight the constraint has now.' })
  penaltyWeight!: number;
  @Field(() => ConstraintPrice, { nullable: true, description: 'Its latest measured price; null until measureConstraintPrice ran.' })
  price?: ConstraintPrice | null;
}

@ObjectType({ description: "One constraint of a tenant's problem over the last days: the seed's get_tenant_performance." })
export class TenantPerformanceRow {
  @Field(() => ID)
  constraintId!: string;
  @Field(() => ID)
  problemId!: string;
  @Field(() => String)
  kind!: string;
  @Field(() => Int)
  solves!: number;
  @Field(() => Float)
  feasibilityRate!: number;
  @Field(() => Float)
  meanViolation!: number;
  @Field(() => Float, { nullable: true })
  meanObjectiveGap?: number | null;
  @Field(() => Float)
  cpuMs!: number;
  @Field(() => Float, { description: 'The weight of its latest solve in the period.' })
  penaltyWeight!: number;
  @Field(() => String, { nullable: true, description: 'How that weight was chosen (MANUAL, UB, MQC, VLM), when recorded.' })
  penaltyMethod?: string | null;
  @Field(() => DateTimeScalar)
  lastSolvedAt!: string;
}
