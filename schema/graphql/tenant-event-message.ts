import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from './scalars';

/** One stored event of a tenant, as delivered by the `tenantEvents` subscription. */
@ObjectType()
export class TenantEventMessage {
  @Field(() => ID, { description: 'Event id (a UUID).' })
  id!: string;

  @Field(() => String, { description: 'Event type, e.g. TenantRenamed.' })
  type!: string;

  @Field(() => String)
  streamId!: string;

  @Field(() => GraphQLSafeInt, { description: 'Position in the global log; resume from it.' })
  position!: number;

  @Field(() => DateTimeScalar)
  occurredAt!: string;

  @Field(() => String, { description: 'Who caused the event.' })
  actor!: string;

  @Field(() => String)
  correlationId!: string;

  @Field(() => JSONScalar)
  data!: unknown;
}
