import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';

export enum RsvpStatus {
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
}
registerEnumType(RsvpStatus, { name: 'RsvpStatus', description: 'CONFIRMED: a seat is yours; WAITLISTED: in line, promoted in order when a seat frees up.' });

@ObjectType({ description: "A member's RSVP to a community event." })
export class Rsvp {
  @Field(() => ID)
  eventId!: string;
  @Field(() => RsvpStatus)
  status!: RsvpStatus;
  @Field(() => Int, { nullable: true, description: 'Your place in the waitlist, 1 first; null when confirmed.' })
  position!: number | null;
}

@ObjectType({ description: 'A community event (a meetup, a webinar): shared by every tenant.' })
export class CommunityEvent {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String, { description: 'Rendered from markdown and sanitised; empty without a description.' })
  descriptionHtml!: string;
  @Field(() => DateTimeScalar)
  startsAt!: string;
  @Field(() => DateTimeScalar, { nullable: true })
  endsAt!: string | null;
  @Field(() => Int)
  capacity!: number;
  @Field(() => String, { nullable: true })
  onlineUrl!: string | null;
  @Field(() => String, { nullable: true })
  place!: string | null;
  @Field(() => Int)
  confirmedCount!: number;
  @Field(() => Int)
  waitlistCount!: number;
  @Field(() => String)
  organizerId!: string;
  @Field(() => DateTimeScalar)
  organizedAt!: string;
  @Field(() => Rsvp, { nullable: true, description: 'Your own RSVP; null when you have none.' })
  myRsvp!: Rsvp | null;
}

@ObjectType()
export class CommunityEventConnection extends Connection(CommunityEvent) {}

@InputType()
export class OrganizeEventInput {
  @Field(() => String)
  title!: string;
  @Field(() => String, { defaultValue: '', description: 'Markdown; rendered and sanitised.' })
  description!: string;
  @Field(() => DateTimeScalar)
  startsAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'After startsAt.' })
  endsAt?: Date;
  @Field(() => Int, { description: '1 to 100000 confirmed seats.' })
  capacity!: number;
  @Field(() => String, { nullable: true, description: 'An https link; give this or place, not both.' })
  onlineUrl?: string;
  @Field(() => String, { nullable: true, description: 'Where it takes place; give this or onlineUrl, not both.' })
  place?: string;
}
