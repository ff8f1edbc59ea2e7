import { firstRevisionExpected, satisfiesExpectedRevision, type AppendRequest } from '../append-request';
import { EventIdConflictError } from '../event-id-conflict-error';
import { streamCategory, WrongExpectedRevisionError, type AppendResult } from '../port';

/** An event in the log, or written earlier in the same group: what recognising a retry needs of it. */
export interface StoredEventRef {
  readonly eventId: string;
  readonly revision: number;
  readonly position: number;
}

/** A stream's last events as the log holds them when the group starts: none when the stream does not exist. */
export interface StreamTail {
  readonly streamId: string;
  readonly events: readonly StoredEventRef[];
}

export interface EventToInsert {
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly category: string;
  readonly type: string;
  readonly tenantId: string | null;
  /** JSON text, stored as written. */
  readonly data: string;
  readonly metadata: string;
}

export type AppendOutcome = { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: Error };

export type AppendDecision =
  | { readonly kind: 'settled'; readonly outcome: AppendOutcome }
  /**
   * The append conflicts unless it is a retry of one stored further back than the tail the plan
   * was shown: settle it with `settleLookBack` and the stored events from `fromRevision` on.
   */
  | { readonly kind: 'look-back'; readonly fromRevision: number; readonly actual: number | 'no-stream' };

interface KnownStream {
  current: number | null;
  readonly byRevision: Map<number, StoredEventRef>;
}

/**
 * Decides a group of appends in one transaction, in order, as if each ran alone: the same rules
 * as the SQLite StreamAppender (optimistic concurrency; an append whose ids are the stream's last
 * events, or sit exactly where its expected revision put them, is a retry and gets its original
 * result), worked out in memory from one read of the streams' tails instead of a few queries per
 * append. Appends earlier in the group are visible to later ones, so a retry sent in the same
 * group as its original is recognised too. Pure: the writer does the reading and the writing.
 */
export class AppendPlan {
  readonly inserts: EventToInsert[] = [];
  private readonly streams = new Map<string, KnownStream>();

  /**
   * How many of each stream's last events the plan needs: the largest append to it in the group,
   * so that a retry of the stream's tail is always within what it was shown.
   */
  static tailDepths(requests: readonly AppendRequest[]): Map<string, number> {
    const depths = new Map<string, number>();
    for (const { streamId, events } of requests) depths.set(streamId, Math.max(depths.get(streamId) ?? 0, events.length));
    return depths;
  }

  constructor(
    /** The log's last position when the group starts. */
    private head: number,
    tails: Iterable<StreamTail>,
  ) {
    for (const tail of tails) {
      const byRevision = new Map(tail.events.map((event) => [event.revision, event] as const));
      const current = tail.events.length === 0 ? null : Math.max(...byRevision.keys());
      this.streams.set(tail.streamId, { current, byRevision });
    }
  }

  /** The log's last position once the plan's inserts are written. */
  get headPosition(): number {
    return this.head;
  }

  decide(request: AppendRequest): AppendDecision {
    const { streamId, events, expectedRevision } = request;
    const stream = this.stream(streamId);
    const current = stream.current;
    const retriedTail = current === null ? undefined : this.originalAppendAt(stream, request, current - events.length + 1);
    if (retriedTail) return settled(retriedTail);
    const actual = current ?? 'no-stream';
    if (!satisfiesExpectedRevision(expectedRevision, actual)) {
      const fromRevision = firstRevisionExpected(expectedRevision);
      const conflict: AppendOutcome = { ok: false, error: new WrongExpectedRevisionError(streamId, expectedRevision, actual) };
      if (fromRevision === undefined || current === null || fromRevision > current) return settled(conflict);
      if (!stream.byRevision.has(fromRevision)) return { kind: 'look-back', fromRevision, actual };
      return settled(this.originalAppendAt(stream, request, fromRevision) ?? conflict);
    }
    return settled({ ok: true, result: this.write(stream, request) });
  }

  /** Settles a `look-back` decision, given the log's events of the stream from its revision on (at least as many as the append has). */
  settleLookBack(request: AppendRequest, decision: Extract<AppendDecision, { kind: 'look-back' }>, stored: readonly StoredEventRef[]): AppendOutcome {
    const stream = this.stream(request.streamId);
    for (const event of stored) if (!stream.byRevision.has(event.revision)) stream.byRevision.set(event.revision, event);
    return (
      this.originalAppendAt(stream, request, decision.fromRevision) ?? {
        ok: false,
        error: new WrongExpectedRevisionError(request.streamId, request.expectedRevision, decision.actual),
      }
    );
  }

  private write(stream: KnownStream, { streamId, events }: AppendRequest): AppendResult {
    const firstRevision = stream.current === null ? 0 : stream.current + 1;
    const category = streamCategory(streamId);
    events.forEach((event, index) => {
      const stored = { eventId: event.id, revision: firstRevision + index, position: ++this.head };
      stream.byRevision.set(stored.revision, stored);
      const tenantId = event.metadata?.tenantId;
      this.inserts.push({
        ...stored,
        streamId,
        category,
        type: event.type,
        tenantId: typeof tenantId === 'string' ? tenantId : null,
        data: JSON.stringify(event.data ?? null),
        metadata: JSON.stringify(event.metadata),
      });
    });
    stream.current = firstRevision + events.length - 1;
    return { nextExpectedRevision: stream.current, position: this.head };
  }

  /**
   * The original outcome when the request's events are stored from `firstRevision` on, in the
   * same order. Undefined when the first of them is not there; EventIdConflictError when the
   * first is but the others differ (one id given to two different events).
   */
  private originalAppendAt(stream: KnownStream, { streamId, events }: AppendRequest, firstRevision: number): AppendOutcome | undefined {
    if (firstRevision < 0 || stream.byRevision.get(firstRevision)?.eventId !== events[0]!.id) return undefined;
    const stored = events.map((_, index) => stream.byRevision.get(firstRevision + index));
    if (events.some((event, index) => stored[index]?.eventId !== event.id)) {
      return { ok: false, error: new EventIdConflictError(events[0]!.id, streamId, firstRevision) };
    }
    const last = stored[stored.length - 1]!;
    return { ok: true, result: { nextExpectedRevision: last.revision, position: last.position } };
  }

  private stream(streamId: string): KnownStream {
    const stream = this.streams.get(streamId);
    if (!stream) throw new Error(`The append plan was not shown the tail of ${streamId}`);
    return stream;
  }
}

function settled(outcome: AppendOutcome): AppendDecision {
  return { kind: 'settled', outcome };
}
