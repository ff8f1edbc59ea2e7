import { communityEventStreamId, type CommunityEventEvent } from '../schema/events';
import { COMMUNITY_EVENT_RSVPS_COLLECTION, COMMUNITY_EVENTS_COLLECTION } from '../schema/read-models/forum';
import { describeProjection, stream } from '../test/support/projection-spec';
import { communityEventsProjection } from './community-events';

const at = '2026-05-01T10:00:00.000Z';
const event = (tenantId: string) => stream<CommunityEventEvent>(communityEventStreamId('e1'), tenantId);
const organized: CommunityEventEvent = {
  type: 'CommunityEventOrganized',
  data: { eventId: 'e1', title: 'Meetup', descriptionHtml: '', startsAt: '2026-06-01T18:00:00.000Z', endsAt: null, capacity: 1, onlineUrl: 'https://meet.example/q', place: null, organizerId: 'mo', organizerTenantId: 'ops', organizedAt: at },
};
const who = (id: string, tenantId = 'acme') => ({ eventId: 'e1', attendeeId: id, attendeeTenantId: tenantId });

describeProjection(communityEventsProjection, (spec) => {
  it('counts seats and the waitlist, and moves the first in line up when a seat frees', () =>
    spec
      .given(
        event('ops')(organized),
        event('acme')({ type: 'RsvpConfirmed', data: { ...who('ada'), respondedAt: at } }),
        event('globex')({ type: 'RsvpWaitlisted', data: { ...who('bob', 'globex'), position: 1, respondedAt: at } }),
        event('acme')({ type: 'RsvpWaitlisted', data: { ...who('cy'), position: 2, respondedAt: at } }),
      )
      .when(
        event('acme')({ type: 'RsvpCancelled', data: { ...who('ada'), wasConfirmed: true, cancelledAt: at } }),
        event('acme')({ type: 'RsvpPromoted', data: { ...who('bob', 'globex'), promotedAt: at } }),
      )
      .then({
        [COMMUNITY_EVENTS_COLLECTION]: { e1: expect.objectContaining({ capacity: 1, confirmedCount: 1, waitlistCount: 1 }) },
        [COMMUNITY_EVENT_RSVPS_COLLECTION]: [
          { id: 'e1:acme:ada', eventId: 'e1', attendeeId: 'ada', attendeeTenantId: 'acme', status: 'CANCELLED', waitlistedAt: null, respondedAt: at },
          { id: 'e1:acme:cy', eventId: 'e1', attendeeId: 'cy', attendeeTenantId: 'acme', status: 'WAITLISTED', waitlistedAt: 4, respondedAt: at },
          { id: 'e1:globex:bob', eventId: 'e1', attendeeId: 'bob', attendeeTenantId: 'globex', status: 'CONFIRMED', waitlistedAt: 3, respondedAt: at },
        ],
      }));
});
