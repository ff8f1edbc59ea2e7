/**
 * Raised when an event id is already stored somewhere other than where this append would put
 * it. A genuine retry (same stream, same ids, same order) is answered with the original result
 * instead; anything else means two different events were given one id, which is a writer bug.
 */
export class EventIdConflictError extends Error {
  readonly code = 'EVENT_ID_CONFLICT';
  constructor(
    readonly eventId: string,
    readonly streamId: string,
  ) {
    super(`Event id ${eventId} is already stored and does not belong to this append to ${streamId}`);
    this.name = 'EventIdConflictError';
  }
}
