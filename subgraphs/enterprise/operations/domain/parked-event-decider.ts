import { DomainError, type Decider } from '../../../../platform/commands/decider';
import type { DeadLetterEvent } from '../../../../schema/events';

/** One projection's dead letters as operators have decided on them: the positions skipped for good. */
export interface ParkedEventsState {
  readonly skipped: ReadonlySet<number>;
}

/** Names the parked event by its projection and log position, and by its id as a check that it is the one the operator looked at. */
interface ParkedEventReference {
  readonly projection: string;
  readonly position: number;
  readonly eventId: string;
  readonly requestedAt: string;
}

export type ParkedEventCommand =
  | ({ readonly type: 'RetryParkedEvent' } & ParkedEventReference)
  | ({ readonly type: 'SkipParkedEvent'; readonly reason: string } & ParkedEventReference);

export const SKIP_REASON_MAX_LENGTH = 500;

/**
 * The operators' decisions on a projection's parked events (`deadletter-<projection>`). Whether an
 * event is parked right now is the read model's to say (the resolver looks before deciding); what
 * the stream knows is which events were skipped, which no one may retry or skip again.
 */
export const parkedEventDecider: Decider<ParkedEventsState, ParkedEventCommand, DeadLetterEvent> = {
  initialState: () => ({ skipped: new Set() }),

  evolve(state, event) {
    switch (event.type) {
      case 'ParkedEventRetryRequested':
        return state;
      case 'ParkedEventSkipped':
        return { skipped: new Set([...state.skipped, event.data.position]) };
    }
  },

  decide(command, state) {
    if (state.skipped.has(command.position)) {
      throw new DomainError('CONFLICT', `The event parked at position ${command.position} by ${command.projection} was skipped: it can be neither retried nor skipped again.`);
    }
    const { projection, position, eventId } = command;
    switch (command.type) {
      case 'RetryParkedEvent':
        return [{ type: 'ParkedEventRetryRequested', data: { projection, position, eventId, requestedAt: command.requestedAt } }];
      case 'SkipParkedEvent':
        return [{ type: 'ParkedEventSkipped', data: { projection, position, eventId, reason: validReason(command.reason), skippedAt: command.requestedAt } }];
    }
  },
};

/** A skip loses a change for good, so the operator says why; the reason is read in the audit trail. */
function validReason(raw: string): string {
  const reason = raw.trim();
  if (reason.length === 0) throw new DomainError('BAD_USER_INPUT', 'Say why the event is skipped: the reason cannot be empty.', { field: 'reason' });
  if (reason.length > SKIP_REASON_MAX_LENGTH) throw new DomainError('BAD_USER_INPUT', `A reason has at most ${SKIP_REASON_MAX_LENGTH} characters.`, { field: 'reason' });
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(reason)) throw new DomainError('BAD_USER_INPUT', 'A reason cannot contain control characters.', { field: 'reason' });
  return reason;
}
