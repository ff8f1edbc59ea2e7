import { Field, Float, InputType, ObjectType, registerEnumType } from 'type-graphql';

/** The values are the names: what the API shows is what events and read models store. */
export enum ObjectiveSense {
  MINIMIZE = 'MINIMIZE',
  MAXIMIZE = 'MAXIMIZE',
}
registerEnumType(ObjectiveSense, { name: 'ObjectiveSense', description: 'Whether the terms as written are to be minimised or maximised.' });

@ObjectType('LinearTerm')
@InputType('LinearTermInput')
export class LinearTerm {
  @Field(() => String)
  variable!: string;

  @Field(() => Float)
  coefficient!: number;
}

@ObjectType('QuadraticTerm')
@InputType('QuadraticTermInput')
export class QuadraticTerm {
  @Field(() => String)
  u!: string;

  @Field(() => String)
  v!: string;

  @Field(() => Float)
  coefficient!: number;
}

/** The terms of an objective over variables named elsewhere: shared by a QUBO and by each objective of a multi-objective run (emitted only through those two). */
@ObjectType('ObjectiveTerms')
@InputType('ObjectiveTermsInput')
export class ObjectiveTerms {
  @Field(() => [LinearTerm], { defaultValue: [] })
  linear!: LinearTerm[];

  @Field(() => [QuadraticTerm], { defaultValue: [] })
  quadratic!: QuadraticTerm[];

  @Field(() => Float, { defaultValue: 0 })
  offset!: number;

  // No GraphQL default: the supergraph SDL would fix it to the enum's name, not its value.
  @Field(() => ObjectiveSense, { nullable: true, description: 'MINIMIZE when left out.' })
  sense?: ObjectiveSense;
}

@ObjectType('Qubo', { description: 'A QUBO as it was stated: variables, terms (duplicates are summed), an offset and a sense.' })
@InputType('QuboInput')
export class Qubo extends ObjectiveTerms {
  @Field(() => [String])
  variables!: string[];
}
