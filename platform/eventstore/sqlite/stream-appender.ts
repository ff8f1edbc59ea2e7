import type Database from 'better-sqlite3';
import type { AppendResult } from '../port';
import { streamCategory } from '../port';
import { assertExpectedRevision, type AppendRequest } from './append-request';
import { EventIdConflictError } from './event-id-conflict-error';

interface StoredEventPlace {
  readonly stream_id: string;
  readonly revision: number;
  readonly position: number;
}

/**
 * Writes one append. Every method runs inside the caller's write transaction; positions are
 * max+1 read inside it, so they are contiguous whatever else commits or rolls back.
 */
export class StreamAppender {
  private readonly currentRevision: Database.Statement<[string], { revision: number | null }>;
  private readonly lastPosition: Database.Statement<[], { position: number }>;
  private readonly insertEvent: Database.Statement<unknown[]>;
  private readonly findEvent: Database.Statement<[string], StoredEventPlace>;

  constructor(db: Database.Database) {
    this.currentRevision = db.prepare<[string], { revision: number | null }>('SELECT MAX(revision) AS revision FROM es_events WHERE stream_id = ?');
    this.lastPosition = db.prepare<[], { position: number }>('SELECT COALESCE(MAX(position), 0) AS position FROM es_events');
    this.insertEvent = db.prepare(
      `INSERT INTO es_events (position, event_id, stream_id, revision, category, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.findEvent = db.prepare<[string], StoredEventPlace>('SELECT stream_id, revision, position FROM es_events WHERE event_id = ?');
  }

  /** Checks the expected revision and inserts the events; throws on a conflict or a reused event id. */
  appendNew({ streamId, events, expectedRevision }: AppendRequest, recordedAt: string): AppendResult {
    const current = this.currentRevision.get(streamId)?.revision ?? null;
    assertExpectedRevision(streamId, expectedRevision, current ?? 'no-stream');
    const firstRevision = current === null ? 0 : current + 1;
    const firstPosition = this.lastPosition.get()!.position + 1;
    const category = streamCategory(streamId);
    events.forEach((event, index) => {
      this.insertEvent.run(
        firstPosition + index,
        event.id,
        streamId,
        firstRevision + index,
        category,
        event.type,
        JSON.stringify(event.data ?? null),
        JSON.stringify(event.metadata),
        recordedAt,
      );
    });
    return { nextExpectedRevision: firstRevision + events.length - 1, position: firstPosition + events.length - 1 };
  }

  /**
   * After a failed append (its savepoint rolled back): when the same ids are already stored in
   * this stream, consecutively and in this order, the append is a retry and gets the original
   * result. Undefined when none of the ids is stored; EventIdConflictError when only some are,
   * or elsewhere.
   */
  findOriginalAppend({ streamId, events }: AppendRequest): AppendResult | undefined {
    const places = events.map((event) => this.findEvent.get(event.id));
    const first = places[0];
    if (first === undefined) {
      const reused = places.findIndex((place) => place !== undefined);
      if (reused === -1) return undefined;
      throw new EventIdConflictError(events[reused]!.id, streamId);
    }
    places.forEach((place, index) => {
      const isRetry = place !== undefined && place.stream_id === streamId && place.revision === first.revision + index;
      if (!isRetry) throw new EventIdConflictError(events[index]!.id, streamId);
    });
    const last = places[places.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }
}

/** True for the constraint failure raised when an event id is already in the log. */
export function isDuplicateEventId(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('es_events.event_id')
  );
}
