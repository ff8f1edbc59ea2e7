import type { CommunityEventEvent } from '../../../../schema/events';
import { deciderSpec } from '../../../../test/support/decider-spec';
import { communityEventDecider, type CommunityEventCommand } from './community-event-decider';
import type { Member } from './member';

const spec = deciderSpec(communityEventDecider);
const at = '2026-05-01T10:00:00.000Z';
const organized: CommunityEventEvent = {
  type: 'CommunityEventOrganized',
  data: { eventId: 'e1', title: 'QUBO meetup', descriptionHtml: '', startsAt: '2026-06-01T18:00:00.000Z', endsAt: null, capacity: 2, onlineUrl: null, place: 'Berlin', organizerId: 'mo', organizerTenantId: 'ops', organizedAt: at },
};
const member = (id: string, tenantId = 'acme'): Member => ({ id, tenantId });
const attendee = (who: Member) => ({ eventId: 'e1', attendeeId: who.id, attendeeTenantId: who.tenantId });
const confirmed = (who: Member): CommunityEventEvent => ({ type: 'RsvpConfirmed', data: { ...attendee(who), respondedAt: at } });
const waitlisted = (who: Member, position: number): CommunityEventEvent => ({ type: 'RsvpWaitlisted', data: { ...attendee(who), position, respondedAt: at } });
const rsvp = (who: Member, when = at): CommunityEventCommand => ({ type: 'Rsvp', eventId: 'e1', attendee: who, at: when });
const cancel = (who: Member): CommunityEventCommand => ({ type: 'CancelRsvp', eventId: 'e1', attendee: who, at });
const [ada, bob, cy, di] = [member('ada'), member('bob', 'globex'), member('cy'), member('di')];

describe('community event decider', () => {
  it('confirms RSVPs up to the capacity', () => {
    spec.given([organized, confirmed(ada)]).when(rsvp(bob)).then([confirmed(bob)]);
  });

  it('puts everyone after the capacity on the waitlist, in order', () => {
    spec.given([organized, confirmed(ada), confirmed(bob)]).when(rsvp(cy)).then([waitlisted(cy, 1)]);
    spec.given([organized, confirmed(ada), confirmed(bob), waitlisted(cy, 1)]).when(rsvp(di)).then([waitlisted(di, 2)]);
  });

  it('keeps one RSVP per member: a repeat changes nothing', () => {
    spec.given([organized, confirmed(ada)]).when(rsvp(ada)).then([]);
    spec.given([organized, confirmed(ada), confirmed(bob), waitlisted(cy, 1)]).when(rsvp(cy)).then([]);
  });

  it('tells members of two tenants with one subject apart', () => {
    spec.given([organized, confirmed(ada)]).when(rsvp(member('ada', 'globex'))).then([confirmed(member('ada', 'globex'))]);
  });

  it('gives a cancelled seat to the first of the waitlist, in the same decision', () => {
    spec
      .given([organized, confirmed(ada), confirmed(bob), waitlisted(cy, 1), waitlisted(di, 2)])
      .when(cancel(bob))
      .then([
        { type: 'RsvpCancelled', data: { ...attendee(bob), wasConfirmed: true, cancelledAt: at } },
        { type: 'RsvpPromoted', data: { ...attendee(cy), promotedAt: at } },
      ]);
  });

  it('promotes nobody when a waiting member cancels, and the line moves up', () => {
    const history = [organized, confirmed(ada), confirmed(bob), waitlisted(cy, 1), waitlisted(di, 2)];
    spec.given(history).when(cancel(cy)).then([{ type: 'RsvpCancelled', data: { ...attendee(cy), wasConfirmed: false, cancelledAt: at } }]);
    const afterCancel = [...history, { type: 'RsvpCancelled', data: { ...attendee(cy), wasConfirmed: false, cancelledAt: at } } as CommunityEventEvent];
    spec.given(afterCancel).when(cancel(ada)).then([
      { type: 'RsvpCancelled', data: { ...attendee(ada), wasConfirmed: true, cancelledAt: at } },
      { type: 'RsvpPromoted', data: { ...attendee(di), promotedAt: at } },
    ]);
  });

  it('confirms again once a seat is free and nobody waits', () => {
    spec.given([organized, confirmed(ada), confirmed(bob), { type: 'RsvpCancelled', data: { ...attendee(bob), wasConfirmed: true, cancelledAt: at } }]).when(rsvp(cy)).then([confirmed(cy)]);
  });

  it('refuses a cancellation without an RSVP, an RSVP to an unknown event, and one after the start', () => {
    spec.given([organized]).when(cancel(ada)).thenRejects('NOT_FOUND', /no RSVP/);
    spec.given([]).when(rsvp(ada)).thenRejects('NOT_FOUND');
    spec.given([organized]).when(rsvp(ada, '2026-06-01T18:00:00.000Z')).thenRejects('CONFLICT', /started/);
  });

  it('organises an event once', () => {
    const { eventId, title, descriptionHtml, startsAt, endsAt, capacity, onlineUrl, place, organizerId, organizerTenantId } = organized.data as Extract<CommunityEventEvent, { type: 'CommunityEventOrganized' }>['data'];
    const organize: CommunityEventCommand = { type: 'OrganizeEvent', eventId, title, descriptionHtml, startsAt, endsAt, capacity, onlineUrl, place, organizerId, organizerTenantId, at };
    spec.given([]).when(organize).then([organized]);
    spec.given([organized]).when(organize).thenRejects('CONFLICT');
  });
});
