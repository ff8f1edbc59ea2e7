/**
 * Raised when an append looks like a retry — its first event id is already stored where the
 * append's events would be — but the ids after it differ: one id was given to two different
 * events, which is a writer bug, and storing either reading of it would be wrong.
 */
export class EventIdConflictError extends Error {
  readonly code = 'EVENT_ID_CONFLICT';
  constructor(
    readonly eventId: string,
    readonly streamId: string,
    /** Where the event with this id is stored. */
    readonly storedRevision: number,
  ) {
    super(`Event id ${eventId} is already stored in ${streamId} at revision ${storedRevision}, followed by different events`);
    this.name = 'EventIdConflictError';
  }
}
