import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from '../../../schema/graphql/scalars';
import { EventFeedMessage } from '../../../schema/graphql/event-feed-message';

export enum EvolutionStrategy {
  CONSERVATIVE = 'CONSERVATIVE',
  BALANCED = 'BALANCED',
  AGGRESSIVE = 'AGGRESSIVE',
}
registerEnumType(EvolutionStrategy, {
  name: 'EvolutionStrategy',
  description: 'CONSERVATIVE: steps of ×1.5, 8 shadow solves per measured weight vector, up to 16 vectors; BALANCED: ×2, 5 solves, 10 vectors; AGGRESSIVE: ×4, 3 solves, 6 vectors.',
});

@InputType()
export class EvolveConstraintsInput {
  @Field(() => ID)
  tenantId!: string;
  @Field(() => ID, { nullable: true, description: "One problem's constraints; with constraintIds, they must be of it." })
  problemId?: string;
  @Field(() => [ID], { nullable: true, description: 'These constraints only; default: all of the problem, or of the tenant.' })
  constraintIds?: string[];
  @Field(() => Float, { defaultValue: 0.85, description: 'The feasibility rate each constraint must reach, in (0, 1].' })
  performanceThreshold!: number;
  @Field(() => EvolutionStrategy, { defaultValue: EvolutionStrategy.BALANCED })
  evolutionStrategy!: EvolutionStrategy;
  @Field(() => Boolean, { defaultValue: false, description: 'Measure and answer what would change, without changing it.' })
  dryRun!: boolean;
}

@ObjectType({ description: 'What a new weight is expected to do, and on what evidence.' })
export class PredictedPerformance {
  @Field(() => Float, { description: 'The share of solves whose best sample will satisfy the constraint.' })
  feasibilityProbability!: number;
  @Field(() => Float, { nullable: true, description: 'Mean objective (minimisation form) of the measured solves that satisfied every constraint.' })
  expectedObjective?: number | null;
  @Field(() => String, { description: 'SHADOW_SOLVES (measured at the new weights) or MODEL (predicted by a trained model).' })
  source!: string;
  @Field(() => Int)
  solves!: number;
}

@ObjectType({ description: 'One constraint change an evolution decided.' })
export class ConstraintUpdate {
  @Field(() => ID)
  constraintId!: string;
  @Field(() => ID)
  problemId!: string;
  @Field(() => JSONScalar)
  oldParameters!: Record<string, unknown>;
  @Field(() => JSONScalar)
  newParameters!: Record<string, unknown>;
  @Field(() => String)
  evolutionReason!: string;
  @Field(() => PredictedPerformance)
  predictedPerformance!: PredictedPerformance;
  @Field(() => JSONScalar, { description: 'The recorded performance that asked for the change and what the shadow solves measured.' })
  evidence!: Record<string, unknown>;
}

@ObjectType({ description: 'A constraint that could not reach the threshold, with the others, within the search budget.' })
export class UnmetConstraint {
  @Field(() => ID)
  constraintId!: string;
  @Field(() => ID)
  problemId!: string;
  @Field(() => Float)
  bestFeasibilityRate!: number;
  @Field(() => String)
  reason!: string;
}

export enum EvolutionStatus {
  APPLIED = 'APPLIED',
  DRY_RUN = 'DRY_RUN',
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(EvolutionStatus, {
  name: 'EvolutionStatus',
  description: 'APPLIED at once; DRY_RUN (nothing changed); PROPOSED under SOC2 change approval, then APPROVED (applied) or REJECTED by someone else.',
});

@ObjectType()
export class EvolutionResult {
  @Field(() => ID)
  evolutionId!: string;
  @Field(() => ID)
  tenantId!: string;
  @Field(() => EvolutionStatus)
  status!: EvolutionStatus;
  @Field(() => Boolean, { description: 'True when the updates are in effect: applied at once, or approved.' })
  applied!: boolean;
  @Field(() => EvolutionStrategy)
  evolutionStrategy!: EvolutionStrategy;
  @Field(() => Float)
  performanceThreshold!: number;
  @Field(() => String, { description: 'Who started it: a user, or system:<runner> for a trigger.' })
  triggeredBy!: string;
  @Field(() => DateTimeScalar)
  evolvedAt!: string;
  @Field(() => String, { nullable: true, description: 'Who approved or rejected a proposal.' })
  decidedBy?: string | null;
  @Field(() => String, { nullable: true })
  rejectionReason?: string | null;
  @Field(() => [ConstraintUpdate])
  updates!: ConstraintUpdate[];
  @Field(() => [UnmetConstraint])
  unmet!: UnmetConstraint[];
  @Field(() => JSONScalar, { description: 'Every weight vector measured, per problem: the trade-offs behind the choice.' })
  measurements!: Record<string, unknown>;
}

@ObjectType({ description: "One change of a constraint's parameters: by hand (updateConstraint) or by an evolution." })
export class ConstraintEvolutionEntry {
  @Field(() => ID)
  constraintId!: string;
  @Field(() => ID)
  problemId!: string;
  @Field(() => String)
  evolutionReason!: string;
  @Field(() => JSONScalar)
  oldParameters!: Record<string, unknown>;
  @Field(() => JSONScalar)
  newParameters!: Record<string, unknown>;
  @Field(() => DateTimeScalar)
  occurredAt!: string;
  @Field(() => String, { description: 'Who changed it: a user, a service account, or system:<runner> for a trigger.' })
  actor!: string;
  @Field(() => ID, { nullable: true, description: 'The evolution it came from; null for a change by hand.' })
  evolutionId?: string | null;
  @Field(() => PredictedPerformance, { nullable: true })
  predictedPerformance?: PredictedPerformance | null;
  @Field(() => JSONScalar, { nullable: true })
  evidence?: Record<string, unknown> | null;
}

/** One event of a tenant's constraint evolution, as the `constraintEvolutions` subscription delivers it. */
@ObjectType()
export class ConstraintEvolutionMessage extends EventFeedMessage(
  'ConstraintEvolutionMessage',
  'ConstraintOutcomesRecorded (a solve recorded how its constraints fared), ConstraintUpdated, ConstraintsEvolved, EvolutionProposed, EvolutionApproved or EvolutionRejected.',
) {}

/** Executed by the gateway's graphql-ws endpoint from the event store, as solveJobProgress is. */
export const CONSTRAINT_EVOLUTIONS_SUBSCRIPTION_SDL = `
extend type Subscription {
  "A tenant's constraint evolution as it happens: outcomes recorded by solves, constraint updates, evolutions applied, proposed, approved or rejected. Served over graphql-ws at the gateway's /graphql."
  constraintEvolutions(tenantId: ID!): ConstraintEvolutionMessage!
}
`;
