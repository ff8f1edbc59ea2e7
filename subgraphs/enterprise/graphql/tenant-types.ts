import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { PageInfo } from '../../../platform/graphql/page-info';
import { DateTimeScalar } from '../../../schema/graphql/scalars';

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
export class TenantEdge {
  @Field(() => String, { description: 'Pass as `after` to continue right behind this tenant.' })
  cursor!: string;

  @Field(() => Tenant)
  node!: Tenant;
}

@ObjectType()
export class TenantConnection {
  @Field(() => [TenantEdge])
  edges!: TenantEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class CreateTenantInput {
  @Field(() => String, { description: '1–100 characters; surrounding spaces are removed.' })
  name!: string;
}
