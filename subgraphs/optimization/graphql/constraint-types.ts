import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../schema/graphql/scalars';
import { LinearTerm, QuadraticTerm } from './qubo-types';

export enum ConstraintKind {
  LINEAR_EQUALITY = 'LINEAR_EQUALITY',
  LINEAR_INEQUALITY = 'LINEAR_INEQUALITY',
  ONE_HOT = 'ONE_HOT',
  AT_MOST_K = 'AT_MOST_K',
  CUSTOM_PENALTY = 'CUSTOM_PENALTY',
}
registerEnumType(ConstraintKind, {
  name: 'ConstraintKind',
  description: 'LINEAR_EQUALITY: Σ aᵢxᵢ = rhs (terms, rhs). LINEAR_INEQUALITY: Σ aᵢxᵢ ≤/≥ rhs (terms, relation, rhs). ONE_HOT: exactly one of variables. AT_MOST_K: at most k of variables. CUSTOM_PENALTY: a penalty expression (linear, quadratic, offset) that is 0 when satisfied.',
});

export enum InequalityRelation {
  LESS_OR_EQUAL = 'LESS_OR_EQUAL',
  GREATER_OR_EQUAL = 'GREATER_OR_EQUAL',
}
registerEnumType(InequalityRelation, { name: 'InequalityRelation' });

export enum PenaltyMethod {
  MANUAL = 'MANUAL',
  UB = 'UB',
  MQC = 'MQC',
  VLM = 'VLM',
}
registerEnumType(PenaltyMethod, {
  name: 'PenaltyMethod',
  description:
    "How a constraint's penalty weight is chosen, from the problem's objective (minimisation form) when the constraint is added or updated; the weight it gives is recorded with it. MANUAL: the penaltyWeight given. UB: Σ|qᵢᵢ| + Σ|qᵢⱼ|, an upper bound of the objective. MQC: the largest |qᵢⱼ|. VLM (Verma and Lewis): the most one flip can change the objective. The computed rules give 1 when the objective has no terms.",
});

/** The parameters of a constraint; which ones apply depends on its kind. */
@ObjectType('ConstraintParameters')
@InputType('ConstraintParametersInput', {
  description: 'Fields to change; those left out keep their value. A penaltyWeight alone makes the method MANUAL; a computed penaltyMethod alone recomputes the weight.',
})
export class ConstraintParameters {
  @Field(() => PenaltyMethod, { nullable: true, description: 'MANUAL needs penaltyWeight; UB, MQC and VLM compute the weight and refuse a penaltyWeight given as well. A new constraint with neither gets VLM.' })
  penaltyMethod?: PenaltyMethod;

  @Field(() => Float, { nullable: true, description: 'Multiplies the penalty; ≥ 0. Given alone, the method is MANUAL. Constraint evolution tunes it.' })
  penaltyWeight?: number;

  @Field(() => [LinearTerm], { nullable: true })
  terms?: LinearTerm[];

  @Field(() => InequalityRelation, { nullable: true })
  relation?: InequalityRelation;

  @Field(() => Float, { nullable: true })
  rhs?: number;

  @Field(() => [String], { nullable: true })
  variables?: string[];

  @Field(() => Int, { nullable: true })
  k?: number;

  @Field(() => [LinearTerm], { nullable: true })
  linear?: LinearTerm[];

  @Field(() => [QuadraticTerm], { nullable: true })
  quadratic?: QuadraticTerm[];

  @Field(() => Float, { nullable: true })
  offset?: number;
}

@InputType()
export class ConstraintInput extends ConstraintParameters {
  @Field(() => ConstraintKind)
  kind!: ConstraintKind;
}

@InputType()
export class AddConstraintInput {
  @Field(() => ID)
  problemId!: string;

  @Field(() => ConstraintInput)
  constraint!: ConstraintInput;
}

@ObjectType({ description: 'A constraint of a problem, compiled into penalty terms added to its objective.' })
export class Constraint {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  problemId!: string;

  @Field(() => ID)
  tenantId!: string;

  @Field(() => ConstraintKind)
  kind!: ConstraintKind;

  @Field(() => Float, { description: 'The weight solves use, as given (MANUAL) or as its method computed it when the constraint was added or last updated.' })
  penaltyWeight!: number;

  @Field(() => PenaltyMethod)
  penaltyMethod!: PenaltyMethod;

  @Field(() => ConstraintParameters)
  parameters!: ConstraintParameters;

  @Field(() => Int, { description: '1 when added, one more per update.' })
  version!: number;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: string;

  @Field(() => String, { nullable: true, description: 'Why the last update was made.' })
  lastEvolutionReason?: string;
}
