import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { VariableValue } from './optimization-types';
import { ObjectiveTerms } from './qubo-types';

@InputType({ description: 'One named objective over the shared variables, with its weight in the trade-off you care about.' })
export class NamedObjectiveInput extends ObjectiveTerms {
  @Field(() => String)
  name!: string;

  @Field(() => Float, { description: '≥ 0; the weighted best minimises (or maximises) Σ weight·objective.' })
  weight!: number;
}

@InputType()
export class OptimizeMultiObjectiveInput {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => [String])
  variables!: string[];

  @Field(() => [NamedObjectiveInput], { description: 'At least two.' })
  objectives!: NamedObjectiveInput[];

  @Field(() => Int, { nullable: true, description: 'Milliseconds for the whole run, shared by its weight vectors; 2000 when left out.' })
  timeLimitMs?: number;

  @Field(() => Int, { nullable: true })
  seed?: number;

  @Field(() => Int, { nullable: true, description: 'Weight vectors in steps of 1/divisions besides your own weights (default 4, at most 10).' })
  divisions?: number;
}

@ObjectType()
export class ObjectiveValue {
  @Field(() => String)
  name!: string;

  @Field(() => Float, { description: "In the objective's own sense." })
  value!: number;
}

@ObjectType()
export class ParetoPoint {
  @Field(() => [ObjectiveValue])
  objectives!: ObjectiveValue[];

  @Field(() => Float, { description: 'Σ weight·objective (minimisation form) with your weights.' })
  weightedEnergy!: number;

  @Field(() => [VariableValue])
  assignment!: VariableValue[];
}

@ObjectType()
export class MultiObjectiveResult {
  @Field(() => ID)
  runId!: string;

  @Field(() => [ParetoPoint], { description: 'Non-dominated solutions found, by increasing first objective (minimisation form).' })
  paretoFront!: ParetoPoint[];

  @Field(() => ParetoPoint)
  weightedBest!: ParetoPoint;

  @Field(() => Float)
  totalTimeMs!: number;

  @Field(() => GraphQLSafeInt)
  flipsAttempted!: number;
}
