import type Database from 'better-sqlite3';
import type { Checkpoint, CollectionSpec, DocumentVersion, ReadCollection, ReadDocument, ReadStore, WriteOperation } from '../port';
import { newFieldKinds, type StoredCollectionSpec } from '../field-kinds';
import { InvalidReadQueryError } from '../invalid-read-query-error';
import { openDatabase, type SqliteSynchronous } from '../../sqlite/open-database';
import { applyWrite } from './apply-writes';
import { createMetaTables, defineCollection, readStoredSpec } from './collection-schema';
import { SqliteCollection, type SpecSource } from './sqlite-collection';
import { CHECKPOINTS_TABLE, COLLECTIONS_TABLE, COLLECTION_VERSIONS_TABLE, collectionTable, quoteIdentifier as q } from './sql-names';
import type { Clock } from './statement-budget';
import { StatementCache } from './statement-cache';
import { ReadCache } from './read-cache';

export interface SqliteReadStoreOptions {
  /** The SQLite file shared with the event log (or `:memory:` for a throwaway store). */
  readonly file: string;
  /**
   * NORMAL by default: a read model is rebuilt from the log, and its writes commit atomically with
   * its checkpoint, so a commit lost to power failure is simply replayed. FULL fsyncs every commit.
   */
  readonly synchronous?: SqliteSynchronous;
  /** Times read queries against their `maxTimeMs`: milliseconds from a monotonic clock (performance.now); tests inject their own. */
  readonly clock?: Clock;
}

export function createSqliteReadStore(options: SqliteReadStoreOptions): ReadStore {
  return new SqliteReadStore(openDatabase(options.file, { synchronous: options.synchronous ?? 'NORMAL' }), options.clock);
}

/**
 * Read models in `rm_` tables of the shared SQLite file. A projection's writes and its checkpoint
 * commit in one synchronous transaction (exactly once); WAL lets readers in other connections and
 * processes read while it commits.
 *
 * Every transaction that writes is IMMEDIATE: it takes the write lock at BEGIN, waiting out other
 * writers with the busy timeout. A deferred one that reads first (a patch reads its document, a
 * collection definition reads its stored spec) holds a snapshot that another process's commit
 * makes stale, and its upgrade to a writer then fails with SQLITE_BUSY at once, whatever the
 * timeout: the split mode's projections process shares the file with every subgraph process.
 */
export class SqliteReadStore implements ReadStore, SpecSource {
  private readonly statements: StatementCache;
  private readonly answers: ReadCache;
  private readonly specs = new Map<string, StoredCollectionSpec>();
  private readonly commitTransaction: Database.Transaction<(projection: string, writes: readonly WriteOperation[], checkpoint: Checkpoint) => void>;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock = () => performance.now(),
  ) {
    createMetaTables(db);
    this.statements = new StatementCache(db);
    this.answers = new ReadCache(db);
    this.commitTransaction = db.transaction((projection: string, writes: readonly WriteOperation[], checkpoint: Checkpoint) => {
      for (const collection of new Set(writes.map((write) => write.collection))) this.recordFieldKinds(collection, writes);
      for (const write of writes) {
        this.assertDefined(write.collection);
        applyWrite(this.statements, write);
      }
      this.moveVersions(new Set(writes.map((write) => write.collection)));
      this.statements
        .get(`INSERT INTO ${q(CHECKPOINTS_TABLE)} (projection, position, committed_at, version) VALUES (?, ?, ?, ?)
          ON CONFLICT (projection) DO UPDATE SET position = max(position, excluded.position), committed_at = excluded.committed_at, version = excluded.version`)
        .run(projection, checkpoint.position, new Date().toISOString(), checkpoint.version);
    });
  }

  async defineCollections(specs: readonly CollectionSpec[]): Promise<void> {
    this.db.transaction(() => specs.forEach((spec) => defineCollection(this.db, spec))).immediate();
    this.statements.clear();
    this.answers.clear();
    for (const spec of specs) this.specs.delete(spec.name);
  }

  collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T> {
    return new SqliteCollection<T>(name, { statements: this.statements, answers: this.answers, specs: this, clock: this.clock });
  }

  spec(name: string, refresh: boolean): StoredCollectionSpec | undefined {
    if (refresh || !this.specs.has(name)) {
      const stored = readStoredSpec(this.db, name);
      if (stored) this.specs.set(name, stored);
      else this.specs.delete(name);
    }
    return this.specs.get(name);
  }

  async getVersions(collection: string, ids: readonly string[]): Promise<Map<string, DocumentVersion>> {
    this.assertDefined(collection);
    const rows = this.statements
      .get(`SELECT id, doc, position FROM ${q(collectionTable(collection))} WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as { id: string; doc: string | null; position: number }[];
    return new Map(rows.map((row) => [row.id, { doc: row.doc === null ? undefined : (JSON.parse(row.doc) as ReadDocument), position: row.position }]));
  }

  async getCheckpoint(projection: string): Promise<Checkpoint | undefined> {
    return this.statements.get(`SELECT position, version FROM ${q(CHECKPOINTS_TABLE)} WHERE projection = ?`).get(projection) as Checkpoint | undefined;
  }

  async commit(projection: string, writes: readonly WriteOperation[], checkpoint: Checkpoint): Promise<void> {
    this.commitTransaction.immediate(projection, writes, checkpoint);
  }

  async reset(projection: string, collections: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      for (const collection of collections) {
        this.assertDefined(collection);
        this.db.exec(`DELETE FROM ${q(collectionTable(collection))}`);
        this.statements.get(`UPDATE ${q(COLLECTIONS_TABLE)} SET spec = json_remove(spec, '$.kinds') WHERE name = ?`).run(collection);
        this.specs.delete(collection);
      }
      this.statements.get(`DELETE FROM ${q(CHECKPOINTS_TABLE)} WHERE projection = ?`).run(projection);
      this.moveVersions(collections);
    }).immediate();
  }

  /** Within the commit transaction: the kinds the writes give index fields for the first time are recorded, a conflict refuses the commit. */
  private recordFieldKinds(collection: string, writes: readonly WriteOperation[]): void {
    // Read in the transaction, not from the cache: another process may have recorded or reset kinds since.
    const spec = this.spec(collection, true);
    if (!spec) throw new InvalidReadQueryError(`Collection ${collection} is not defined`);
    const added = newFieldKinds(spec, writes);
    if (Object.keys(added).length === 0) return;
    this.statements.get(`UPDATE ${q(COLLECTIONS_TABLE)} SET spec = json_set(spec, '$.kinds', json(?)) WHERE name = ?`).run(JSON.stringify({ ...spec.kinds, ...added }), collection);
    this.specs.delete(collection);
  }

  /** Within the writing transaction: the read cache's answers of these collections are stale from now on. */
  private moveVersions(collections: Iterable<string>): void {
    const move = this.statements.get(`INSERT INTO ${q(COLLECTION_VERSIONS_TABLE)} (collection, version) VALUES (?, 1) ON CONFLICT (collection) DO UPDATE SET version = version + 1`);
    for (const collection of collections) move.run(collection);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Also what keeps collection names from other sources out of SQL: only validated, defined names pass. */
  private assertDefined(collection: string): void {
    if (!this.spec(collection, false) && !this.spec(collection, true)) {
      throw new InvalidReadQueryError(`Collection ${collection} is not defined`);
    }
  }
}
