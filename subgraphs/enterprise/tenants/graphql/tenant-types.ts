import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';

@ObjectType({ description: 'An organisation using Goliath. Other subgraphs add their own fields to it.' })
@Directive('@key(fields: "id")')
export class Tenant {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => DateTimeScalar)
  createdAt!: string;
}

@ObjectType()
export class TenantConnection extends Connection(Tenant, { cursorDescription: 'Pass as `after` to continue right behind this tenant.' }) {}

@InputType()
export class CreateTenantInput {
  @Field(() => String, { description: '1–100 characters; surrounding spaces are removed.' })
  name!: string;
}
