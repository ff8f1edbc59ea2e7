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

/** The parameters of a constraint; which ones apply depends on its kind. */
@ObjectType('ConstraintParameters')
@InputType('ConstraintParametersInput', { description: 'Fields to change; those left out keep their value.' })
export class ConstraintParameters {
  @Field(() => Float, { nullable: true, description: 'Multiplies the penalty; ≥ 0. Constraint evolution tunes it.' })
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

  @Field(() => Float)
  declare penaltyWeight: number;
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

  @Field(() => Float)
  penaltyWeight!: number;

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
