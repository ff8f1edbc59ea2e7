import { validateAppendRequest } from '../append-request';
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
import { EventReader } from './event-reader';
import { GroupCommitWriter } from './group-commit-writer';
import { HeadWatcher } from './head-watcher';
import { PostgresConnections, type PostgresPoolSettings } from './postgres-connections';
import { PagedSubscription } from '../paged-subscription';
import { DEFAULT_SCHEMA, ensureEventStoreSchema, eventStoreSchema, type EventStoreSchema } from './schema';
import { StreamMetadataStore } from './stream-metadata-store';

export interface PostgresEventStoreOptions {
  /** e.g. `postgres://goliath:secret@db.internal:5432/goliath` */
  readonly connectionString: string;
  /** The PostgreSQL schema that holds the log's tables, created when missing (default `public`). */
  readonly schema?: string;
  /** node-postgres pool settings (default: 10 connections, 10 s to connect). */
  readonly pool?: PostgresPoolSettings;
  /**
   * How often live subscriptions look at the head position besides LISTEN/NOTIFY: the longest
   * a missed notification (a dropped LISTEN connection) can delay them.
   */
  readonly pollIntervalMs?: number;
}

const READ_PAGE_SIZE = 1000;
const DEFAULT_POLL_INTERVAL_MS = 1000;
const LISTEN_RECONNECT_DELAY_MS = 500;

/**
 * The PostgreSQL event store: the log in `es_` tables of one schema, shared by every process
 * (several replicas of each) that opens it. Nothing touches the server until the first call,
 * which creates the schema and tables when missing.
 */
export function createPostgresEventStore(options: PostgresEventStoreOptions): EventStore {
  const schema = eventStoreSchema(options.schema ?? DEFAULT_SCHEMA);
  const connections = new PostgresConnections(options.connectionString, options.pool ?? {}, `goliath-eventstore ${schema.name}`);
  return new PostgresEventStore(connections, schema, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
}

class PostgresEventStore implements EventStore {
  private readonly reader: EventReader;
  private readonly writer: GroupCommitWriter;
  private readonly streamMetadata: StreamMetadataStore;
  private readonly watcher: HeadWatcher;
  private readonly subscriptions = new Set<PagedSubscription>();
  private schemaReady: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly connections: PostgresConnections,
    private readonly schema: EventStoreSchema,
    pollIntervalMs: number,
  ) {
    this.reader = new EventReader(connections, schema);
    this.streamMetadata = new StreamMetadataStore(connections, schema);
    this.watcher = new HeadWatcher({
      connections,
      channel: schema.channel,
      readHeadPosition: () => this.headPosition(),
      pollIntervalMs,
      reconnectDelayMs: LISTEN_RECONNECT_DELAY_MS,
    });
    // Not `ready()`: appends accepted before close() still commit while it waits for them.
    this.writer = new GroupCommitWriter(connections, schema, () => this.schemaInPlace(), (head) => this.watcher.announce(head));
  }

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const request = { streamId, events, expectedRevision };
    validateAppendRequest(request);
    return this.writer.submit(request);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    await this.ready();
    return this.reader.readStream(streamId, options);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = options.after ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      await this.ready();
      const page = await this.reader.readAllPage(after, Math.min(READ_PAGE_SIZE, remaining));
      if (page.length === 0) return;
      for (const event of page) yield event;
      after = page[page.length - 1]!.position;
      remaining -= page.length;
    }
  }

  async headPosition(): Promise<number> {
    await this.ready();
    return this.reader.headPosition();
  }

  subscribeToAll(options: SubscribeOptions = {}): EventSubscription {
    this.assertOpen();
    const readPage = this.reader.filteredPageReader(options.filter);
    const subscription: PagedSubscription = new PagedSubscription({
      after: options.after ?? 0,
      readPage: async (after, upTo, limit) => {
        await this.ready();
        return readPage(after, upTo, limit);
      },
      readHeadPosition: () => this.headPosition(),
      watcher: this.watcher,
      pageSize: Math.max(1, Math.min(READ_PAGE_SIZE, options.bufferSize ?? READ_PAGE_SIZE)),
      onCheckpoint: options.onCheckpoint,
      onClose: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    await this.ready();
    await this.streamMetadata.set(streamId, metadata);
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata | undefined> {
    await this.ready();
    return this.streamMetadata.get(streamId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Appends already accepted are committed, not dropped.
    await this.writer.flush();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.watcher.stop();
    await this.connections.end();
  }

  private ready(): Promise<void> {
    this.assertOpen();
    return this.schemaInPlace();
  }

  /** Created on first use, and tried again on the next call if that failed (a server not up yet). */
  private schemaInPlace(): Promise<void> {
    this.schemaReady ??= ensureEventStoreSchema(this.connections, this.schema).catch((error: unknown) => {
      this.schemaReady = undefined;
      throw error;
    });
    return this.schemaReady;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The PostgreSQL event store is closed');
  }
}
