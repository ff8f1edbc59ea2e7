import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from '../../../schema/graphql/scalars';

@ObjectType({ description: 'A range the feasibility probability lies in, at the stated confidence.' })
export class ProbabilityInterval {
  @Field(() => Float)
  low!: number;
  @Field(() => Float)
  high!: number;
  @Field(() => Float, { description: 'The confidence of the range (0.95): from the Laplace approximation of the model’s feasibility head, so it says how sure the fit is, not how the solver varies.' })
  confidence!: number;
}

@ObjectType({ description: 'What the tenant’s trained model expects of a constraint in a scenario.' })
export class PerformancePrediction {
  @Field(() => ID)
  constraintId!: string;
  @Field(() => Float, { description: 'P(the best sample of a solve satisfies the constraint), 0…1.' })
  feasibilityProbability!: number;
  @Field(() => Float, { description: "(1 − p) × the violation expected when it is violated, in the constraint's own units." })
  expectedViolation!: number;
  @Field(() => Float, { description: 'Expected relative gap of the best objective satisfying it to the best feasible objective ever seen for the problem (0 = as good as the best), when it is satisfied.' })
  expectedObjectiveGap!: number;
  @Field(() => ProbabilityInterval)
  interval!: ProbabilityInterval;
  @Field(() => ID)
  modelId!: string;
  @Field(() => Int)
  modelVersion!: number;
  @Field(() => JSONScalar, { description: 'The scenario predicted: what the request set, and the rest from the constraint, its problem and its latest solves.' })
  scenario!: Record<string, unknown>;
}

@ObjectType({ description: "How well a model predicted feasibility: on the outcomes it was trained on, and on whole solves held out from a first fit." })
export class ModelPerformanceMetrics {
  @Field(() => Int, { description: 'Outcomes (one per constraint per solve) it was trained on.' })
  trainedOn!: number;
  @Field(() => Float)
  trainingAccuracy!: number;
  @Field(() => Float, { nullable: true, description: 'Accuracy at p = 0.5 on the held-out solves; null with fewer than two solves.' })
  heldOutAccuracy?: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean (p − outcome)² on the held-out solves (0 perfect, 0.25 a coin).' })
  brierScore?: number | null;
  @Field(() => Int)
  heldOutSamples!: number;
  @Field(() => Float, { description: 'The share of the outcomes that satisfied their constraint.' })
  positiveShare!: number;
}

@ObjectType({ description: "The seed's ConstraintEvolutionModel: a tenant's newest trained model of how its constraints perform." })
export class ConstraintEvolutionModel {
  @Field(() => ID)
  modelId!: string;
  @Field(() => ID)
  tenantId!: string;
  @Field(() => String, { description: 'The constraints it covers: ALL (one model per tenant; the kind is one of its features).' })
  constraintType!: string;
  @Field(() => ModelPerformanceMetrics)
  performanceMetrics!: ModelPerformanceMetrics;
  @Field(() => [ID], { description: 'Evolution triggers that use the model: none yet.' })
  evolutionTriggers!: string[];
  @Field(() => JSONScalar, { description: 'How it was fitted (architecture, hidden units, steps, learning rate, L2, seed, held-out share, the most outcomes read) and its features.' })
  optimizationParameters!: Record<string, unknown>;
  @Field(() => DateTimeScalar)
  lastUpdated!: string;
  @Field(() => Int, { description: '1 for the tenant’s first model, +1 per training.' })
  version!: number;
  @Field(() => DateTimeScalar, { description: 'When the latest outcome it was trained on was recorded; the retrainer counts the outcomes since.' })
  trainedThrough!: string;
  @Field(() => String, { description: 'REQUESTED (trainModels) or NEW_OUTCOMES (retrained after enough new outcomes).' })
  trigger!: string;
}
