import type { DomainEvent } from '../../platform/commands/decider';

/**
 * A community event (a meetup, a webinar), `communityevent-<eventId>`, with every RSVP to it in
 * the same stream: the decider sees all of them at the revision it appends at, so concurrent RSVPs
 * can never confirm more attendees than the capacity, and the waitlist keeps its order.
 */
export const COMMUNITY_EVENT_CATEGORY = 'communityevent';
export const communityEventStreamId = (eventId: string): string => `${COMMUNITY_EVENT_CATEGORY}-${eventId}`;

export type CommunityEventOrganized = DomainEvent<'CommunityEventOrganized', {
  readonly eventId: string;
  readonly title: string;
  /** Sanitised HTML rendered from the organiser's markdown; empty without a description. */
  readonly descriptionHtml: string;
  readonly startsAt: string;
  readonly endsAt: string | null;
  readonly capacity: number;
  /** Exactly one of the two is set. */
  readonly onlineUrl: string | null;
  readonly place: string | null;
  readonly organizerId: string;
  readonly organizerTenantId: string;
  readonly organizedAt: string;
}>;

interface Attendee {
  readonly eventId: string;
  readonly attendeeId: string;
  readonly attendeeTenantId: string;
}

export type RsvpConfirmed = DomainEvent<'RsvpConfirmed', Attendee & { readonly respondedAt: string }>;
/** `position`: 1 for the first in line, at the time of the RSVP. */
export type RsvpWaitlisted = DomainEvent<'RsvpWaitlisted', Attendee & { readonly position: number; readonly respondedAt: string }>;
export type RsvpCancelled = DomainEvent<'RsvpCancelled', Attendee & { readonly wasConfirmed: boolean; readonly cancelledAt: string }>;
/** A confirmed seat freed up: the first of the waitlist takes it (appended with the cancellation that freed it). */
export type RsvpPromoted = DomainEvent<'RsvpPromoted', Attendee & { readonly promotedAt: string }>;

export type CommunityEventEvent = CommunityEventOrganized | RsvpConfirmed | RsvpWaitlisted | RsvpCancelled | RsvpPromoted;

export const COMMUNITY_EVENT_EVENT_VERSIONS: Readonly<Record<CommunityEventEvent['type'], number>> = {
  CommunityEventOrganized: 1,
  RsvpConfirmed: 1,
  RsvpWaitlisted: 1,
  RsvpCancelled: 1,
  RsvpPromoted: 1,
};
