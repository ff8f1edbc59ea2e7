import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../schema/graphql/scalars';
import { Qubo } from './qubo-types';

@ObjectType({ description: 'A QUBO problem of a tenant; its constraints are added separately.' })
@Directive('@key(fields: "id")')
export class Problem {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  tenantId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Qubo)
  qubo!: Qubo;

  @Field(() => Int)
  variableCount!: number;

  @Field(() => Int)
  quadraticTermCount!: number;

  @Field(() => Int)
  constraintCount!: number;

  @Field(() => DateTimeScalar)
  createdAt!: string;
}

@ObjectType()
export class ProblemConnection extends Connection(Problem) {}

@InputType()
export class CreateProblemInput {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Qubo)
  qubo!: Qubo;
}
