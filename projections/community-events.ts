import { COMMUNITY_EVENT_CATEGORY, type CommunityEventEvent } from '../schema/events';
import { COMMUNITY_EVENT_RSVPS_COLLECTION, COMMUNITY_EVENTS_COLLECTION, rsvpDocumentId, type CommunityEventDocument, type RsvpDocument } from '../schema/read-models/forum';
import type { Projection } from './projection';

/** Community events with their seat counts, and each member's RSVP (the waitlist in order). */
export const communityEventsProjection: Projection = {
  name: 'community-events',
  collections: [
    { name: COMMUNITY_EVENTS_COLLECTION, indexes: ['startsAt'] },
    { name: COMMUNITY_EVENT_RSVPS_COLLECTION, indexes: ['eventId', 'status', 'waitlistedAt'] },
  ],
  filter: { categories: [COMMUNITY_EVENT_CATEGORY] },
  async handle(recorded, context) {
    const event = recorded as unknown as CommunityEventEvent;
    if (event.type === 'CommunityEventOrganized') {
      const { eventId, ...organized } = event.data;
      const document: CommunityEventDocument = { id: eventId, ...organized, confirmedCount: 0, waitlistCount: 0 };
      context.upsert(COMMUNITY_EVENTS_COLLECTION, document);
      return;
    }
    const { eventId, attendeeId, attendeeTenantId } = event.data;
    const id = rsvpDocumentId(eventId, attendeeTenantId, attendeeId);
    const communityEvent = await context.get<CommunityEventDocument>(COMMUNITY_EVENTS_COLLECTION, eventId);
    const rsvp = await context.get<RsvpDocument>(COMMUNITY_EVENT_RSVPS_COLLECTION, id);
    const counts = (confirmed: number, waitlisted: number) => {
      if (communityEvent) context.patch(COMMUNITY_EVENTS_COLLECTION, eventId, { confirmedCount: communityEvent.confirmedCount + confirmed, waitlistCount: communityEvent.waitlistCount + waitlisted });
    };
    const base = { id, eventId, attendeeId, attendeeTenantId };
    switch (event.type) {
      case 'RsvpConfirmed':
        context.upsert(COMMUNITY_EVENT_RSVPS_COLLECTION, { ...base, status: 'CONFIRMED', waitlistedAt: null, respondedAt: event.data.respondedAt } satisfies RsvpDocument);
        counts(1, 0);
        return;
      case 'RsvpWaitlisted':
        context.upsert(COMMUNITY_EVENT_RSVPS_COLLECTION, { ...base, status: 'WAITLISTED', waitlistedAt: recorded.position, respondedAt: event.data.respondedAt } satisfies RsvpDocument);
        counts(0, 1);
        return;
      case 'RsvpPromoted':
        context.patch(COMMUNITY_EVENT_RSVPS_COLLECTION, id, { status: 'CONFIRMED' });
        counts(1, -1);
        return;
      case 'RsvpCancelled':
        context.patch(COMMUNITY_EVENT_RSVPS_COLLECTION, id, { status: 'CANCELLED' });
        if (rsvp?.status !== 'CANCELLED') counts(event.data.wasConfirmed ? -1 : 0, event.data.wasConfirmed ? 0 : -1);
    }
  },
};
