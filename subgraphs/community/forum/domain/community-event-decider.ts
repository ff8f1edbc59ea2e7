import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { ErrorCode } from '../../../../platform/errors';
import type { CommunityEventEvent, CommunityEventOrganized } from '../../../../schema/events';
import { memberKey, type Member } from './member';

export type CommunityEventState =
  | { readonly organized: false }
  | {
      readonly organized: true;
      readonly capacity: number;
      readonly startsAt: string;
      /** Member keys holding a seat, in the order they got it. */
      readonly confirmed: readonly string[];
      /** Member keys in line for a seat, first in line first. */
      readonly waitlist: readonly string[];
      readonly attendees: ReadonlyMap<string, Member>;
    };

export type CommunityEventCommand =
  | ({ readonly type: 'OrganizeEvent' } & Omit<CommunityEventOrganized['data'], 'organizedAt'> & { readonly at: string })
  | { readonly type: 'Rsvp'; readonly eventId: string; readonly attendee: Member; readonly at: string }
  | { readonly type: 'CancelRsvp'; readonly eventId: string; readonly attendee: Member; readonly at: string };

/** Where a member stands for an event, as the decider folded it. */
export type RsvpStanding = { readonly status: 'CONFIRMED' } | { readonly status: 'WAITLISTED'; readonly position: number } | { readonly status: 'NONE' };

export function rsvpStanding(state: CommunityEventState, attendee: Member): RsvpStanding {
  if (!state.organized) return { status: 'NONE' };
  const key = memberKey(attendee);
  if (state.confirmed.includes(key)) return { status: 'CONFIRMED' };
  const index = state.waitlist.indexOf(key);
  return index >= 0 ? { status: 'WAITLISTED', position: index + 1 } : { status: 'NONE' };
}

/**
 * A community event and its RSVPs: seats are confirmed up to the capacity, everyone after that
 * waits in line, and a confirmed cancellation gives its seat to the first in line. One RSVP per
 * member: a repeat changes nothing. Deciding on the state at the revision the events are appended
 * at (optimistic concurrency) is what keeps concurrent RSVPs from ever exceeding the capacity.
 */
export const communityEventDecider: Decider<CommunityEventState, CommunityEventCommand, CommunityEventEvent> = {
  initialState: () => ({ organized: false }),

  evolve(state, event) {
    if (event.type === 'CommunityEventOrganized') {
      return { organized: true, capacity: event.data.capacity, startsAt: event.data.startsAt, confirmed: [], waitlist: [], attendees: new Map() };
    }
    if (!state.organized) return state;
    const key = memberKey({ id: event.data.attendeeId, tenantId: event.data.attendeeTenantId });
    switch (event.type) {
      case 'RsvpConfirmed':
        return { ...state, confirmed: [...state.confirmed, key], attendees: new Map(state.attendees).set(key, { id: event.data.attendeeId, tenantId: event.data.attendeeTenantId }) };
      case 'RsvpWaitlisted':
        return { ...state, waitlist: [...state.waitlist, key], attendees: new Map(state.attendees).set(key, { id: event.data.attendeeId, tenantId: event.data.attendeeTenantId }) };
      case 'RsvpCancelled':
        return { ...state, confirmed: state.confirmed.filter((held) => held !== key), waitlist: state.waitlist.filter((waiting) => waiting !== key) };
      case 'RsvpPromoted':
        return { ...state, confirmed: [...state.confirmed, key], waitlist: state.waitlist.filter((waiting) => waiting !== key) };
    }
  },

  decide(command, state) {
    if (command.type === 'OrganizeEvent') {
      if (state.organized) throw new DomainError(ErrorCode.Conflict, `Community event ${command.eventId} exists already.`);
      const { type: _type, at, ...event } = command;
      return [{ type: 'CommunityEventOrganized', data: { ...event, organizedAt: at } }];
    }
    if (!state.organized) throw new DomainError(ErrorCode.NotFound, `Community event ${command.eventId} does not exist.`);
    const attendee = { eventId: command.eventId, attendeeId: command.attendee.id, attendeeTenantId: command.attendee.tenantId };
    const standing = rsvpStanding(state, command.attendee);
    if (command.type === 'Rsvp') {
      if (standing.status !== 'NONE') return [];
      if (command.at >= state.startsAt) throw new DomainError(ErrorCode.Conflict, `Community event ${command.eventId} has started already (${state.startsAt}); RSVPs are closed.`);
      if (state.confirmed.length < state.capacity) return [{ type: 'RsvpConfirmed', data: { ...attendee, respondedAt: command.at } }];
      return [{ type: 'RsvpWaitlisted', data: { ...attendee, position: state.waitlist.length + 1, respondedAt: command.at } }];
    }
    if (standing.status === 'NONE') throw new DomainError(ErrorCode.NotFound, `You have no RSVP to community event ${command.eventId}.`);
    const cancelled: CommunityEventEvent = { type: 'RsvpCancelled', data: { ...attendee, wasConfirmed: standing.status === 'CONFIRMED', cancelledAt: command.at } };
    const next = state.waitlist[0];
    if (standing.status !== 'CONFIRMED' || next === undefined) return [cancelled];
    const promoted = state.attendees.get(next)!;
    return [cancelled, { type: 'RsvpPromoted', data: { eventId: command.eventId, attendeeId: promoted.id, attendeeTenantId: promoted.tenantId, promotedAt: command.at } }];
  },
};
