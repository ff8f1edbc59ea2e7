import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { badUserInput, notFound } from '../../../../platform/errors';
import { connectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireAuth, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';
import { COMMUNITY_EVENT_RSVPS_COLLECTION, COMMUNITY_EVENTS_COLLECTION, rsvpDocumentId, type CommunityEventDocument, type RsvpDocument } from '../../../../schema/read-models/forum';
import { plainText, renderMarkdown } from '../../content/markdown';
import { requireForum } from '../../../../platform/feature-flags';
import { executeSerially } from '../commands/execute-serially';
import { communityEvents } from '../domain/command-handlers';
import { rsvpStanding } from '../domain/community-event-decider';
import type { Member } from '../domain/member';
import { memberOf } from '../../graphql/community-member';
import { CommunityEvent, CommunityEventConnection, OrganizeEventInput, Rsvp, RsvpStatus } from './community-event-types';
import { MAX_BODY, MAX_TITLE, requireText } from './text-limits';

const MAX_CAPACITY = 100_000;
const MAX_PLACE = 500;

@Resolver()
export class CommunityEventResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => CommunityEvent, { description: 'Organises a community event, online (onlineUrl) or at a place, with a number of seats.' })
  async organizeEvent(@Arg('input', () => OrganizeEventInput) input: OrganizeEventInput, @Ctx() context: SubgraphContext): Promise<CommunityEvent> {
    requireForum(this.deps.config);
    const organizer = memberOf(requireAuth(context), this.deps.config);
    const title = plainText(requireText(input.title, 'input.title', MAX_TITLE));
    if (input.description.length > MAX_BODY) throw badUserInput(`description has at most ${MAX_BODY} characters.`, 'input.description');
    if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > MAX_CAPACITY) throw badUserInput(`capacity is a whole number from 1 to ${MAX_CAPACITY}.`, 'input.capacity');
    if (input.endsAt && input.endsAt <= input.startsAt) throw badUserInput('endsAt must be after startsAt.', 'input.endsAt');
    if (input.startsAt.getTime() <= this.deps.clock().getTime()) throw badUserInput('startsAt must be in the future.', 'input.startsAt');
    const eventId = randomUUID();
    const command = {
      type: 'OrganizeEvent' as const,
      eventId,
      title,
      descriptionHtml: input.description ? renderMarkdown(input.description) : '',
      startsAt: input.startsAt.toISOString(),
      endsAt: input.endsAt?.toISOString() ?? null,
      capacity: input.capacity,
      ...venueOf(input),
      organizerId: organizer.id,
      organizerTenantId: organizer.tenantId,
      at: this.deps.clock().toISOString(),
    };
    await executeCommand(this.deps, callerOf(context), communityEvents, command, { tenantId: organizer.tenantId, target: eventId });
    return this.communityEvent(eventId, context);
  }

  @Mutation(() => Rsvp, { description: 'Takes a seat, or a place in the waitlist when the event is full. One RSVP per member: a repeat answers the one you have.' })
  async rsvp(@Arg('eventId', () => ID) eventId: string, @Ctx() context: SubgraphContext): Promise<Rsvp> {
    requireForum(this.deps.config);
    const attendee = memberOf(requireAuth(context), this.deps.config);
    // Every RSVP of an event goes to the event's one stream: taken in turns (execute-serially.ts).
    const result = await executeSerially(this.deps, callerOf(context), communityEvents, { type: 'Rsvp', eventId, attendee, at: this.deps.clock().toISOString() }, { tenantId: attendee.tenantId, target: eventId });
    const standing = rsvpStanding(result.state, attendee);
    if (standing.status === 'NONE') throw new Error(`RSVP to ${eventId} was decided but not found in the event's state`);
    return { eventId, status: standing.status as RsvpStatus, position: standing.status === 'WAITLISTED' ? standing.position : null };
  }

  @Mutation(() => CommunityEvent, { description: 'Gives up your seat or your place in line; a freed seat goes to the first of the waitlist.' })
  async cancelRsvp(@Arg('eventId', () => ID) eventId: string, @Ctx() context: SubgraphContext): Promise<CommunityEvent> {
    requireForum(this.deps.config);
    const attendee = memberOf(requireAuth(context), this.deps.config);
    await executeSerially(this.deps, callerOf(context), communityEvents, { type: 'CancelRsvp', eventId, attendee, at: this.deps.clock().toISOString() }, { tenantId: attendee.tenantId, target: eventId });
    return this.communityEvent(eventId, context);
  }

  @Query(() => CommunityEventConnection, { description: 'Community events starting from `from` (now by default), soonest first.' })
  async communityEvents(
    @Arg('from', () => DateTimeScalar, { nullable: true }) from: Date | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: SubgraphContext,
  ): Promise<CommunityEventConnection> {
    requireForum(this.deps.config);
    assertPageSize(first);
    const since = (from ?? this.deps.clock()).toISOString();
    const page = await this.events().find({ where: { startsAt: { gte: since } }, sort: [{ field: 'startsAt', direction: 'asc' }], first, after });
    const member = memberOf(requireAuth(context), this.deps.config);
    const rsvps = await Promise.all(page.items.map((document) => this.rsvpOf(document.id, member)));
    return connectionOf({ ...page, items: page.items.map((document, index) => ({ ...document, myRsvp: rsvps[index] })) }, toEvent);
  }

  @Query(() => CommunityEvent, { description: 'A community event, with your own RSVP.' })
  async communityEvent(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext): Promise<CommunityEvent> {
    requireForum(this.deps.config);
    const document = await this.events().get(id);
    if (!document) throw notFound('Community event', id);
    return toEvent({ ...document, myRsvp: await this.rsvpOf(id, memberOf(requireAuth(context), this.deps.config)) });
  }

  /** The member's RSVP, its waitlist place counted from the RSVPs waiting longer. */
  private async rsvpOf(eventId: string, member: Member): Promise<Rsvp | null> {
    const rsvps = this.deps.readStore.collection<RsvpDocument>(COMMUNITY_EVENT_RSVPS_COLLECTION);
    const rsvp = await rsvps.get(rsvpDocumentId(eventId, member.tenantId, member.id));
    if (!rsvp || rsvp.status === 'CANCELLED') return null;
    if (rsvp.status === 'CONFIRMED') return { eventId, status: RsvpStatus.CONFIRMED, position: null };
    const ahead = await rsvps.count({ eventId, status: 'WAITLISTED', waitlistedAt: { lt: rsvp.waitlistedAt } });
    return { eventId, status: RsvpStatus.WAITLISTED, position: ahead + 1 };
  }

  private events() {
    return this.deps.readStore.collection<CommunityEventDocument>(COMMUNITY_EVENTS_COLLECTION);
  }
}

function venueOf(input: OrganizeEventInput): { onlineUrl: string | null; place: string | null } {
  if ((input.onlineUrl == null) === (input.place == null)) throw badUserInput('Give exactly one of onlineUrl (an online event) and place (an event somewhere).', 'input.onlineUrl');
  if (input.place != null) return { onlineUrl: null, place: plainText(requireText(input.place, 'input.place', MAX_PLACE)) };
  let url: URL;
  try {
    url = new URL(input.onlineUrl!);
  } catch {
    throw badUserInput('onlineUrl must be an absolute https URL.', 'input.onlineUrl');
  }
  if (url.protocol !== 'https:') throw badUserInput('onlineUrl must be an absolute https URL.', 'input.onlineUrl');
  return { onlineUrl: url.toString(), place: null };
}

function toEvent(document: CommunityEventDocument & { myRsvp: Rsvp | null }): CommunityEvent {
  return document;
}
