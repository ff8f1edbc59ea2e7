import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type AppendResult as ServerAppendResult,
  type StreamingRead,
} from '@eventstore/db-client';
import type {
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  SubscribeOptions,
} from '../port';
import { WrongExpectedRevisionError } from '../port';
import { validateAppendRequest } from '../append-request';
import type { EsdbClient } from './esdb-client';
import { EsdbSubscription, pushCheckpoint } from './esdb-subscription';
import { isSystemEvent, toEventData, toRecordedEvent } from './event-mapping';
import { toServerExpectedRevision, translateAppendError } from './expected-revision';
import { toPortPosition, toServerPosition } from './positions';
import { resumePoint } from './resume-point';
import { retriedAppendInTail } from './retried-append';
import { toServerFilter } from './server-filter';
import { toPortStreamMetadata, toServerStreamMetadata } from './stream-metadata-mapping';

export interface EventStoreDbStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false` */
  readonly connectionString: string;
}

/**
 * How often an append with `any` or `stream-exists` reads the tail and appends again when another
 * writer got in between: each round, someone else's append succeeded.
 */
const TAIL_APPEND_ATTEMPTS = 10;

/** The scale-out event store. */
export function createEventStoreDbStore(options: EventStoreDbStoreOptions): EventStore {
  return eventStoreDbStoreOver(EventStoreDBClient.connectionString(options.connectionString));
}

/** The store over a client already made (a stand-in in tests). */
export function eventStoreDbStoreOver(client: EsdbClient): EventStore {
  return new EventStoreDbEventStore(client);
}

class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();

  constructor(private readonly client: EsdbClient) {}

  /**
   * Event ids are the UUIDs EventStoreDB deduplicates on. For an exact revision (or no-stream) the
   * server recognises a retry by the events at that revision, always; for `any` and
   * `stream-exists` only by a cache of recent ids, which an eviction or a restart empties. Those
   * are therefore turned into an exact revision here: read the stream's tail, answer a retry whose
   * events are still the last ones with the original result, append at the revision read.
   */
  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    validateAppendRequest({ streamId, events, expectedRevision });
    if (expectedRevision === 'any' || expectedRevision === 'stream-exists') return this.appendAfterTail(streamId, events, expectedRevision);
    return this.appendAt(streamId, events, expectedRevision);
  }

  private async appendAfterTail(streamId: string, events: readonly NewEvent[], expectedRevision: 'any' | 'stream-exists'): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const tail = (await this.readStream(streamId, { direction: 'backwards', maxCount: events.length })).reverse();
      const original = retriedAppendInTail(streamId, events, tail);
      if (original) return original;
      const current = tail.length === 0 ? 'no-stream' : tail[tail.length - 1]!.revision;
      if (expectedRevision === 'stream-exists' && current === 'no-stream') throw new WrongExpectedRevisionError(streamId, expectedRevision, current);
      try {
        return await this.appendAt(streamId, events, current);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt === TAIL_APPEND_ATTEMPTS) throw new WrongExpectedRevisionError(streamId, expectedRevision, error.actual);
      }
    }
  }

  private async appendAt(streamId: string, events: readonly NewEvent[], expectedRevision: number | 'no-stream'): Promise<AppendResult> {
    let result: ServerAppendResult;
    try {
      result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toServerExpectedRevision(expectedRevision),
      });
    } catch (error) {
      throw translateAppendError(error, streamId, expectedRevision);
    }
    // With throwOnAppendFailure=false in the connection string the client reports instead of throwing.
    if (!result.success) throw new WrongExpectedRevisionError(streamId, expectedRevision, await this.currentRevision(streamId));
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // An idempotent (deduplicated) append comes back without a position: look the event up.
    const position = toPortPosition(result.position?.commit) ?? (await this.positionOf(streamId, nextExpectedRevision));
    return { nextExpectedRevision, position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event, resolved.commitPosition));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const after = options.after;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    // Reading $all from a position includes the event at it; the port's `after` is exclusive.
    const read = this.client.readAll({ fromPosition: after === undefined ? START : toServerPosition(after), direction: FORWARDS });
    yield* takeUserEvents(read, (event) => {
      if (after !== undefined && event.position <= after) return 'skip';
      remaining -= 1;
      return remaining > 0 ? 'take' : 'take-and-stop';
    });
  }

  async headPosition(): Promise<number> {
    const read = this.client.readAll({ fromPosition: END, direction: BACKWARDS });
    for await (const event of takeUserEvents(read, () => 'take-and-stop')) return event.position;
    return 0;
  }

  subscribeToAll(options: SubscribeOptions = {}): EventSubscription {
    const { after, filter } = options;
    const opening = {
      resume: after === undefined ? undefined : () => resumePoint(this.client, after),
      subscribe: (from: number | undefined) =>
        this.client.subscribeToAll({ fromPosition: from === undefined ? START : toServerPosition(from), filter: toServerFilter(filter, pushCheckpoint) }),
    };
    const subscription: EsdbSubscription = new EsdbSubscription(opening, {
      after,
      filter,
      onCheckpoint: options.onCheckpoint,
      onClose: () => this.subscriptions.delete(subscription),
      log: this,
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    await this.client.setStreamMetadata(streamId, toServerStreamMetadata(metadata));
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata | undefined> {
    const { metadata } = await this.client.getStreamMetadata(streamId);
    return metadata === undefined ? undefined : toPortStreamMetadata(metadata);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async currentRevision(streamId: string): Promise<number | 'no-stream'> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last === undefined ? 'no-stream' : last.revision;
  }

  private async positionOf(streamId: string, revision: number): Promise<number> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (event === undefined) throw new Error(`EventStoreDB acknowledged ${streamId}@${revision} but the event cannot be read`);
    return event.position;
  }
}

type Take = 'skip' | 'take' | 'take-and-stop';

/** Streams the user events of a $all read, cancelling the server read when the caller stops early. */
async function* takeUserEvents(read: StreamingRead<AllStreamResolvedEvent>, decide: (event: RecordedEvent) => Take): AsyncGenerator<RecordedEvent> {
  let finished = false;
  try {
    for await (const resolved of read) {
      if (!resolved.event || isSystemEvent(resolved.event)) continue;
      const event = toRecordedEvent(resolved.event, resolved.commitPosition);
      const take = decide(event);
      if (take === 'skip') continue;
      yield event;
      if (take === 'take-and-stop') return;
    }
    finished = true;
  } finally {
    if (!finished) await read.cancel();
  }
}
