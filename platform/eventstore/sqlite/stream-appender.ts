import type Database from 'better-sqlite3';
import type { AppendResult } from '../port';
import { streamCategory, WrongExpectedRevisionError } from '../port';
import { firstRevisionExpected, satisfiesExpectedRevision, type AppendRequest } from '../append-request';
import { EventIdConflictError } from '../event-id-conflict-error';

interface StoredEvent {
  readonly event_id: string;
  readonly revision: number;
  readonly position: number;
}

/**
 * Writes one append. Every method runs inside the caller's write transaction; positions are
 * max+1 read inside it, so they are contiguous whatever else commits or rolls back.
 *
 * Retries are recognised by where their events would be, not by an index on event ids: an
 * append whose ids are the stream's last events, or sit exactly where its expected revision put
 * them, was already stored and gets its original result. (An index on random ids costs a
 * random page write per event — measured at well over half of the batched append throughput.)
 */
export class StreamAppender {
  private readonly currentRevision: Database.Statement<[string], { revision: number | null }>;
  private readonly lastPosition: Database.Statement<[], { position: number }>;
  private readonly insertEvent: Database.Statement<unknown[]>;
  private readonly eventAt: Database.Statement<[string, number], StoredEvent>;
  private readonly eventsFrom: Database.Statement<[string, number, number], StoredEvent>;

  constructor(db: Database.Database) {
    this.currentRevision = db.prepare<[string], { revision: number | null }>('SELECT MAX(revision) AS revision FROM es_events WHERE stream_id = ?');
    this.lastPosition = db.prepare<[], { position: number }>('SELECT COALESCE(MAX(position), 0) AS position FROM es_events');
    this.insertEvent = db.prepare(
      `INSERT INTO es_events (position, event_id, stream_id, revision, category, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.eventAt = db.prepare<[string, number], StoredEvent>(
      'SELECT event_id, revision, position FROM es_events WHERE stream_id = ? AND revision = ?',
    );
    this.eventsFrom = db.prepare<[string, number, number], StoredEvent>(
      'SELECT event_id, revision, position FROM es_events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    );
  }

  /** Appends the events, or returns the original result of a retry; throws on a conflict. */
  append(request: AppendRequest, recordedAt: string): AppendResult {
    const { streamId, events, expectedRevision } = request;
    const current = this.currentRevision.get(streamId)?.revision ?? null;
    const retriedTail = current === null ? undefined : this.originalAppendAt(request, current - events.length + 1);
    if (retriedTail) return retriedTail;
    if (!satisfiesExpectedRevision(expectedRevision, current ?? 'no-stream')) {
      const retriedInPlace = this.originalAppendAt(request, firstRevisionExpected(expectedRevision));
      if (retriedInPlace) return retriedInPlace;
      throw new WrongExpectedRevisionError(streamId, expectedRevision, current ?? 'no-stream');
    }
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
   * The original result when the request's events are stored from `firstRevision` on, in the
   * same order. Undefined when the first of them is not there; EventIdConflictError when the
   * first is but the others differ (one id given to two different events).
   */
  private originalAppendAt({ streamId, events }: AppendRequest, firstRevision: number | undefined): AppendResult | undefined {
    if (firstRevision === undefined || firstRevision < 0) return undefined;
    if (this.eventAt.get(streamId, firstRevision)?.event_id !== events[0]!.id) return undefined;
    const stored = this.eventsFrom.all(streamId, firstRevision, events.length);
    events.forEach((event, index) => {
      if (stored[index]?.event_id !== event.id) throw new EventIdConflictError(events[0]!.id, streamId, firstRevision);
    });
    const last = stored[stored.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }
}
