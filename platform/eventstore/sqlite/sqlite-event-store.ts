import type Database from 'better-sqlite3';
import { openDatabase, type SqliteSynchronous } from '../../sqlite/open-database';
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
import { validateAppendRequest } from '../append-request';
import { EventReader } from './event-reader';
import { GroupCommitWriter } from './group-commit-writer';
import { HeadWatcher } from './head-watcher';
import { ensureEventStoreSchema } from './schema';
import { PagedSubscription } from '../paged-subscription';
import { StreamMetadataStore } from './stream-metadata-store';

export interface SqliteEventStoreOptions {
  /** The SQLite file shared with the read models, or ':memory:'. */
  readonly file: string;
  /** FULL (default) makes an acknowledged append survive power loss; NORMAL only a killed process. */
  readonly synchronous?: SqliteSynchronous;
  /** How often live subscriptions look for appends made by other processes on the same file. */
  readonly pollIntervalMs?: number;
}

const READ_PAGE_SIZE = 1000;
/**
 * `npm start` runs a process per subgraph and one for the projections on one file: a mutation's
 * answer waits for the projection process to find its append, so this is on every mutation's
 * path. A poll is one indexed MAX (microseconds), made only while someone subscribes.
 */
const DEFAULT_POLL_INTERVAL_MS = 5;

/** The embedded event store: the log lives in the `es_` tables of the platform's SQLite file. */
export function createSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  const db = openDatabase(options.file, { synchronous: options.synchronous ?? 'FULL' });
  try {
    ensureEventStoreSchema(db);
    return new SqliteEventStore(db, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
  } catch (error) {
    db.close();
    throw error;
  }
}

class SqliteEventStore implements EventStore {
  private readonly reader: EventReader;
  private readonly writer: GroupCommitWriter;
  private readonly streamMetadata: StreamMetadataStore;
  private readonly watcher: HeadWatcher;
  private readonly subscriptions = new Set<PagedSubscription>();
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    pollIntervalMs: number,
  ) {
    this.reader = new EventReader(db);
    this.streamMetadata = new StreamMetadataStore(db);
    this.watcher = new HeadWatcher(() => this.reader.headPosition(), pollIntervalMs);
    this.writer = new GroupCommitWriter(db, (head) => this.watcher.announce(head));
  }

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const request = { streamId, events, expectedRevision };
    validateAppendRequest(request);
    return this.writer.submit(request);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.reader.readStream(streamId, options, this.streamMetadata.get(streamId));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = options.after ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      this.assertOpen();
      const page = this.reader.readAllPage(after, Math.min(READ_PAGE_SIZE, remaining));
      if (page.length === 0) return;
      for (const event of page) yield event;
      after = page[page.length - 1]!.position;
      remaining -= page.length;
    }
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.reader.headPosition();
  }

  subscribeToAll(options: SubscribeOptions = {}): EventSubscription {
    this.assertOpen();
    const subscription: PagedSubscription = new PagedSubscription({
      after: options.after ?? 0,
      readPage: this.reader.filteredPageReader(options.filter),
      readHeadPosition: () => this.reader.headPosition(),
      watcher: this.watcher,
      pageSize: Math.max(1, Math.min(READ_PAGE_SIZE, options.bufferSize ?? READ_PAGE_SIZE)),
      onCheckpoint: options.onCheckpoint,
      onClose: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    this.assertOpen();
    this.streamMetadata.set(streamId, metadata);
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata | undefined> {
    this.assertOpen();
    return this.streamMetadata.get(streamId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are committed, not dropped.
    this.writer.flush();
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.watcher.stop();
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The SQLite event store is closed');
  }
}
