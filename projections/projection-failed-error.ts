import type { RecordedEvent } from '../platform/eventstore/port';

/** A projection's handler threw on an event: the runner retries (a busy store) or parks the event (anything else). */
export class ProjectionFailedError extends Error {
  readonly code = 'PROJECTION_FAILED';
  readonly eventType: string;
  readonly streamId: string;
  readonly position: number;
  readonly eventId: string;

  constructor(
    readonly projection: string,
    event: RecordedEvent,
    readonly cause: unknown,
  ) {
    super(
      `Projection ${projection} failed on ${event.type} (stream ${event.streamId}, position ${event.position}): ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'ProjectionFailedError';
    this.eventType = event.type;
    this.streamId = event.streamId;
    this.position = event.position;
    this.eventId = event.id;
  }
}
