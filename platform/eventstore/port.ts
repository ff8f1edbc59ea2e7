/**
 * The event-store port. Every adapter (SQLite, PostgreSQL, EventStoreDB) implements it and passes
 * the same contract suite in `test/contract/`. Streams are named `category-id` (DESIGN.md §3); an
 * append to any other stream id (no category, or a `$` one) is refused with a TypeError.
 */

/** Metadata carried by every event (DESIGN.md §3). */
export interface EventMetadata {
  readonly tenantId: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** ISO-8601 time at which the command that produced the event was decided. */
  readonly occurredAt: string;
  readonly schemaVersion: number;
  /** On an audit chain entry written by the chainer: the log position of the change's audit record it chains. */
  readonly chainedFrom?: number;
  /** W3C trace context of the append, when tracing is on: the projections folding the event continue its trace (platform/tracing). */
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/**
 * An event about to be appended. `id` is a UUID chosen by the writer: a retried append with the
 * same ids is stored once while its events are still the stream's last ones or sit where its
 * expected revision put them, whatever the expected revision.
 */
export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/** An event as stored. */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  readonly streamId: string;
  /** 0-based revision of the event within its stream. */
  readonly revision: number;
  /**
   * Position in the global log: strictly increasing in append order (contiguous on SQLite,
   * EventStoreDB's commit position there). Checkpoints store it.
   */
  readonly position: number;
  /** ISO-8601 time at which the store accepted the event. */
  readonly recordedAt: string;
}

/**
 * What the writer believes about the stream: its exact current revision, that it does not exist,
 * that it exists with any revision, or nothing at all.
 */
export type ExpectedRevision = number | 'no-stream' | 'stream-exists' | 'any';

export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as the next expected revision. */
  readonly nextExpectedRevision: number;
  /** Global position of the last appended event. */
  readonly position: number;
}

/** Raised when the stream's actual revision does not match the expected one. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's revision at the time of the append, or 'no-stream' when it has no events. */
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; defaults to the first (forwards) or last (backwards) event. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a position strictly greater than this are returned. Omit to start at the beginning. */
  readonly after?: number;
  readonly maxCount?: number;
}

/** Selects events by stream category (the part of the stream id before the first `-`), type and/or tenant (`metadata.tenantId`). */
export interface EventFilter {
  readonly categories?: readonly string[];
  readonly eventTypes?: readonly string[];
  readonly tenantId?: string;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: delivery starts with the first event after it. Omit to start at the beginning. */
  readonly after?: number;
  readonly filter?: EventFilter;
  /**
   * Called with a position up to which every event (matching or not) has been considered.
   * Filtered subscribers use it to move their checkpoint past events they do not receive. It is
   * also called when the subscription catches up with the head, so a subscriber waiting for
   * headPosition() gets there on a quiet log too. Never beyond headPosition().
   */
  readonly onCheckpoint?: (position: number) => void;
  /**
   * At most this many events are read ahead of the consumer (default: the adapter's page size),
   * so a subscriber that stops pulling holds no more than this however far the log grows.
   * SQLite reads pages of this size; EventStoreDB's client stream applies its own backpressure.
   */
  readonly bufferSize?: number;
}

/** A catch-up-then-live subscription. Iterate it; `close()` ends the iteration. */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface StreamMetadata {
  readonly maxCount?: number;
  readonly maxAgeSeconds?: number;
  readonly [key: string]: unknown;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Reads the global log in order of position. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * Position of the last event in the global log (the events readAll returns: on EventStoreDB not
   * the server's own `$` events), or 0 when it is empty. No checkpoint is ever beyond it.
   */
  headPosition(): Promise<number>;
  subscribeToAll(options?: SubscribeOptions): EventSubscription;
  setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void>;
  getStreamMetadata(streamId: string): Promise<StreamMetadata | undefined>;
  close(): Promise<void>;
}

/** The category of a stream id: `tenant-42` → `tenant`. */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}

export function matchesFilter(event: Pick<RecordedEvent, 'streamId' | 'type' | 'metadata'>, filter: EventFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.tenantId !== undefined && event.metadata.tenantId !== filter.tenantId) return false;
  if (filter.categories && !filter.categories.includes(streamCategory(event.streamId))) return false;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  return true;
}
