import { Field, Float, ObjectType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from './scalars';

/**
 * The fields of a subscription message that carries one recorded event as it is (constraintEvolutions,
 * scalingEvents): name the type by extending it, `@ObjectType() class ScalingEventMessage extends
 * EventFeedMessage('ScalingEventMessage', 'ResourceDemandPredicted, …') {}`, and say in `types` which
 * event types it carries.
 */
export function EventFeedMessage(name: string, types: string) {
  // Registered so that the naming subclass inherits its fields; nothing refers to it, so no schema shows it.
  @ObjectType(`${name}Fields`)
  abstract class EventMessage {
    @Field(() => String, { description: types })
    type!: string;
    @Field(() => String)
    streamId!: string;
    @Field(() => Float, { description: 'Position in the global log.' })
    position!: number;
    @Field(() => DateTimeScalar)
    occurredAt!: string;
    @Field(() => String)
    actor!: string;
    @Field(() => JSONScalar)
    data!: unknown;
  }
  return EventMessage;
}
