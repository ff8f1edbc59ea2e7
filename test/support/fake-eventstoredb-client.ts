import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  STREAM_NAME,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Filter,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StreamMetadata,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { Subscription } from '@eventstore/db-client/dist/streams/utils/Subscription';
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EsdbClient } from '../../platform/eventstore/eventstoredb/esdb-client';

interface StoredRecord {
  readonly id: string;
  readonly streamId: string;
  readonly type: string;
  readonly revision: number;
  readonly position: number;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly createdMs: number;
}

interface LiveSubscription {
  readonly grpc: PassThrough;
  readonly filter: Filter | undefined;
  considered: number;
}

/** The server's search window: a filtered subscription gets a checkpoint every `checkpointInterval` windows of considered events. */
const MAX_SEARCH_WINDOW = 32;
/** Positions in the log are byte offsets on the server, so consecutive events are never 1 apart. */
const RECORD_SIZE = 100;

/**
 * A stand-in for `@eventstore/db-client`'s client over an in-memory EventStoreDB (no server can
 * run here). The client's own classes do the client's part: answers are real gRPC messages
 * (`ReadResp`) fed through the client's `ReadStream` and `Subscription` and its `convertGrpcEvent`,
 * so the adapter sees exactly the shapes, events (`caughtUp`, checkpoint callbacks, 'error') and
 * ordering the client produces. The server's part follows its documented behaviour:
 * - append: a retry at an exact revision (or no-stream) is recognised by the events at that
 *   revision; with `any` or `stream-exists` only by a cache of recent ids (`forgetRecentEventIds`
 *   empties it, as an eviction or a restart does);
 * - subscriptions: catch-up, then `CaughtUp`, then live; filtered checkpoints every 32 considered
 *   events and none at the live end; resuming from a position continues after the record there,
 *   or after the next surviving one when it was scavenged;
 * - setting stream metadata writes a `$metadata` event to `$$stream`; `writeSystemEvent` stands
 *   for the link events standard projections write (`$ce-…`, type `$>`).
 */
export class FakeEventStoreDbClient {
  private log: StoredRecord[] = [];
  private lastPosition = 0;
  private readonly streamRevisions = new Map<string, number>();
  private readonly recentIds = new Set<string>();
  private readonly live = new Set<LiveSubscription>();
  private readonly metadata = new Map<string, StreamMetadata>();
  /** Appends the server accepted (idempotent answers are not writes). */
  writes = 0;

  get client(): EsdbClient {
    return this as unknown as EsdbClient;
  }

  forgetRecentEventIds(): void {
    this.recentIds.clear();
  }

  writeSystemEvent(streamId: string, type: string): number {
    return this.write(streamId, [{ id: randomUUID(), type, data: {}, metadata: undefined }]).position;
  }

  /** Removes records for good, as a scavenge does; revisions and positions of the others stay. */
  scavenge(remove: (record: { readonly position: number; readonly streamId: string }) => boolean): void {
    this.log = this.log.filter((record) => !remove(record));
  }

  async appendToStream(streamName: string, events: EventData | EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}): Promise<AppendResult> {
    const batch = (Array.isArray(events) ? events : [events]).map((event) => ({ id: event.id, type: event.type, data: event.data, metadata: event.metadata }));
    const expected = options.expectedRevision ?? ANY;
    const current = this.streamRevisions.get(streamName);
    const conflict = () => new WrongExpectedVersionError(undefined, { streamName, expected, current: current === undefined ? NO_STREAM : BigInt(current) });
    if (expected === ANY || expected === STREAM_EXISTS) {
      if (batch.every((event) => this.recentIds.has(event.id))) return { success: true, nextExpectedRevision: BigInt(current ?? -1) };
      if (expected === STREAM_EXISTS && current === undefined) throw conflict();
    } else {
      const first = expected === NO_STREAM ? 0 : Number(expected) + 1;
      const stored = batch.map((_, index) => this.recordAt(streamName, first + index));
      if (stored[0]?.id === batch[0]!.id) {
        if (stored.some((record, index) => record?.id !== batch[index]!.id)) throw conflict();
        return { success: true, nextExpectedRevision: BigInt(first + batch.length - 1) };
      }
      if ((current ?? -1) !== first - 1) throw conflict();
    }
    const last = this.write(streamName, batch);
    this.writes++;
    return { success: true, nextExpectedRevision: BigInt(last.revision), position: { commit: BigInt(last.position), prepare: BigInt(last.position) } };
  }

  readStream(streamName: string, options: ReadStreamOptions = {}) {
    const backwards = options.direction === BACKWARDS;
    const from = options.fromRevision;
    const capped = this.visible(streamName);
    const selected = (backwards ? [...capped].reverse() : capped)
      .filter((record) => from === undefined || from === START || from === END || (backwards ? record.revision <= Number(from) : record.revision >= Number(from)))
      .slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    const responses = this.streamRevisions.has(streamName) ? selected.map(eventResponse) : [streamNotFound(streamName)];
    return new ReadStream(async () => finiteRead(responses) as never, convertGrpcEvent, {});
  }

  readAll(options: ReadAllOptions = {}) {
    const from = options.fromPosition ?? START;
    const backwards = options.direction === BACKWARDS;
    const selected = (backwards ? [...this.log].reverse() : this.log)
      .filter((record) => from === START || from === END || (backwards ? record.position < Number(from.commit) : record.position >= Number(from.commit)))
      .slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    return new ReadStream(async () => finiteRead(selected.map(eventResponse)) as never, convertGrpcEvent, {});
  }

  subscribeToAll(options: SubscribeToAllOptions = {}) {
    const grpc = grpcStream();
    const subscription: LiveSubscription = { grpc, filter: options.filter, considered: 0 };
    const from = options.fromPosition ?? START;
    const startAt = from === START ? 0 : from === END ? this.log.length : resumeIndex(this.log, Number((from as Position).commit));
    for (const record of this.log.slice(startAt)) this.consider(subscription, record);
    grpc.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    this.live.add(subscription);
    grpc.once('close', () => this.live.delete(subscription));
    return new Subscription(async () => grpc as never, convertGrpcEvent, {}, options.filter?.checkpointReached);
  }

  async setStreamMetadata(streamName: string, metadata: StreamMetadata) {
    this.metadata.set(streamName, metadata);
    const { position } = this.write(`$$${streamName}`, [{ id: randomUUID(), type: '$metadata', data: metadata, metadata: undefined }]);
    return { success: true, nextExpectedRevision: 0n, position: { commit: BigInt(position), prepare: BigInt(position) } };
  }

  async getStreamMetadata(streamName: string) {
    return { streamName, metadata: this.metadata.get(streamName) };
  }

  async dispose(): Promise<void> {
    for (const { grpc } of this.live) grpc.end();
  }

  private write(streamId: string, batch: readonly { id: string; type: string; data: unknown; metadata: unknown }[]): StoredRecord {
    let revision = this.streamRevisions.get(streamId) ?? -1;
    let record!: StoredRecord;
    for (const event of batch) {
      this.lastPosition += RECORD_SIZE;
      record = { ...event, streamId, revision: ++revision, position: this.lastPosition, createdMs: Date.now() };
      this.log.push(record);
      this.recentIds.add(event.id);
      for (const subscription of this.live) this.consider(subscription, record);
    }
    this.streamRevisions.set(streamId, revision);
    return record;
  }

  private consider(subscription: LiveSubscription, record: StoredRecord): void {
    const { filter, grpc } = subscription;
    if (matchesServerFilter(filter, record)) grpc.write(eventResponse(record));
    subscription.considered++;
    if (filter && subscription.considered % (filter.checkpointInterval * MAX_SEARCH_WINDOW) === 0) {
      grpc.write(new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(String(record.position)).setPreparePosition(String(record.position))));
    }
  }

  private recordAt(streamId: string, revision: number): StoredRecord | undefined {
    return this.log.find((record) => record.streamId === streamId && record.revision === revision);
  }

  /** The stream's events a read returns: its $maxCount hides the older ones. */
  private visible(streamId: string): StoredRecord[] {
    const records = this.log.filter((record) => record.streamId === streamId);
    const maxCount = this.metadata.get(streamId)?.maxCount;
    return maxCount === undefined ? records : records.slice(-maxCount);
  }
}

/** After the record at `position`, or after the next surviving one when it is gone: how the server resumes. */
function resumeIndex(log: readonly StoredRecord[], position: number): number {
  const at = log.findIndex((record) => record.position >= position);
  return at === -1 ? log.length : at + 1;
}

function matchesServerFilter(filter: Filter | undefined, record: StoredRecord): boolean {
  if (!filter) return true;
  const value = filter.filterOn === STREAM_NAME ? record.streamId : record.type;
  return 'prefixes' in filter ? filter.prefixes.some((prefix) => value.startsWith(prefix)) : new RegExp(filter.regex).test(value);
}

/** A gRPC response stream: the client pipes it into its ReadStream or Subscription and cancels it to stop. */
function grpcStream(): PassThrough {
  const stream: PassThrough = Object.assign(new PassThrough({ objectMode: true }), { cancel: () => stream.end() });
  return stream;
}

/** The answer to a read: its responses, then the end. */
function finiteRead(responses: readonly ReadResp[]): PassThrough {
  const stream = grpcStream();
  for (const response of responses) stream.write(response);
  stream.end();
  return stream;
}

function eventResponse(record: StoredRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.id))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(record.streamId)))
    .setStreamRevision(String(record.revision))
    .setCommitPosition(String(record.position))
    .setPreparePosition(String(record.position))
    .setData(Buffer.from(JSON.stringify(record.data)))
    .setCustomMetadata(record.metadata === undefined ? new Uint8Array() : Buffer.from(JSON.stringify(record.metadata)));
  recorded.getMetadataMap().set('type', record.type).set('content-type', 'application/json').set('created', String(record.createdMs * 10_000));
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(record.position)));
}

function streamNotFound(streamName: string): ReadResp {
  return new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(streamName))));
}
