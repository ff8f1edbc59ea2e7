import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ParkedEventDocument } from '../../../../platform/health/parked-event';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';

export enum ParkedEventStatus {
  PARKED = 'PARKED',
  RETRIED = 'RETRIED',
  SKIPPED = 'SKIPPED',
}
registerEnumType(ParkedEventStatus, {
  name: 'ParkedEventStatus',
  description: 'PARKED: the projection could not fold it and went on without it; RETRIED: folded on an operator\'s retry; SKIPPED: left out for good by an operator.',
});

@ObjectType({ description: 'An event a projection could not fold: parked (a dead letter) so that the projection, and every tenant\'s read-your-writes, go on.' })
export class ParkedEvent {
  @Field(() => ID, { description: '`<projection>:<position>`; retryParkedEvent and skipParkedEvent take it.' })
  id!: string;

  @Field(() => String, { description: 'The projection (read model) that parked it.' })
  projection!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => Float, { description: 'Its position in the event log.' })
  position!: number;

  @Field(() => String)
  streamId!: string;

  @Field(() => String)
  eventType!: string;

  @Field(() => ID)
  tenantId!: string;

  @Field(() => String, { description: 'The last failure: the first fold\'s, then each failed retry\'s.' })
  error!: string;

  @Field(() => Int, { description: 'Folds tried: the first and each retry.' })
  attempts!: number;

  @Field(() => ParkedEventStatus)
  status!: ParkedEventStatus;

  @Field(() => DateTimeScalar)
  parkedAt!: string;

  @Field(() => DateTimeScalar)
  lastAttemptAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  resolvedAt?: string;

  @Field(() => String, { nullable: true, description: 'The operator who retried or skipped it.' })
  resolvedBy?: string;

  @Field(() => String, { nullable: true, description: 'Why it was skipped.' })
  reason?: string;
}

export function toParkedEvent(document: ParkedEventDocument): ParkedEvent {
  return { ...document, status: document.status.toUpperCase() as ParkedEventStatus };
}
