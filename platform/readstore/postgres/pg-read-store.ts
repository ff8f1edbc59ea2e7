import { Pool, type PoolClient } from 'pg';
import type { Checkpoint, CollectionSpec, DocumentVersion, ReadCollection, ReadDocument, ReadStore, WriteOperation } from '../port';
import type { AsyncSpecSource } from '../declared-spec';
import type { StoredCollectionSpec } from '../field-kinds';
import { InvalidReadQueryError } from '../invalid-read-query-error';
import { assertCollectionSpec, assertPatchFields, assertWritableDocument } from '../names';
import { PostgresCollection } from './pg-collection';
import { forgetFieldKinds, recordFieldKinds } from './pg-field-kinds';
import { CHECKPOINTS_TABLE, COLLECTIONS_TABLE, collectionTable, qualified } from './pg-names';
import { createMetaTables, defineCollection, lockSchema, readStoredSpecs } from './pg-schema';
import { inTransaction, run } from './pg-transaction';
import { applyWrites } from './pg-writes';

export interface PostgresReadStoreOptions {
  readonly connectionString: string;
  /** The PostgreSQL schema that holds every table of the store, created when missing; `public` by default. */
  readonly schema?: string;
  /** Connections the pool may open at once; node-postgres's default (10) when left out. */
  readonly poolSize?: number;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Connects on the first operation (the pool reconnects on its own), so the factory is synchronous like SQLite's. */
export function createPostgresReadStore(options: PostgresReadStoreOptions): ReadStore {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema "${schema}": use a letter or _ then letters, digits or _ (max 63)`);
  const pool = new Pool({ connectionString: options.connectionString, max: options.poolSize });
  // A pooled connection that breaks while idle (a server restart) is dropped by the pool, and the next query opens a new one; unhandled, the event would end the process.
  pool.on('error', () => undefined);
  return new PostgresReadStore(pool, schema);
}

/**
 * Read models as JSONB documents in `rm_` tables of one PostgreSQL schema. A projection's writes
 * and its checkpoint commit in one transaction (exactly once, as on SQLite), so any number of
 * processes can read while one commits, and a commit lost with its connection is simply redelivered.
 */
export class PostgresReadStore implements ReadStore, AsyncSpecSource {
  private readonly specCache = new Map<string, CollectionSpec>();
  private prepared: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {}

  async defineCollections(specs: readonly CollectionSpec[]): Promise<void> {
    specs.forEach(assertCollectionSpec);
    await this.ready();
    await inTransaction(this.pool, async (client) => {
      await lockSchema(client, this.schema, 'exclusive');
      for (const spec of specs) await defineCollection(client, this.schema, spec);
    });
    for (const spec of specs) this.specCache.delete(spec.name);
  }

  collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T> {
    return new PostgresCollection<T>(name, { pool: this.pool, schema: this.schema, specs: this });
  }

  async spec(name: string, refresh: boolean): Promise<CollectionSpec | undefined> {
    if (refresh || !this.specCache.has(name)) {
      await this.ready();
      const [row] = await run<{ spec: CollectionSpec }>(this.pool, { sql: `SELECT spec FROM ${this.table(COLLECTIONS_TABLE)} WHERE name = ?`, params: [name] });
      if (row) this.specCache.set(name, row.spec);
      else this.specCache.delete(name);
    }
    return this.specCache.get(name);
  }

  async getVersions(collection: string, ids: readonly string[]): Promise<Map<string, DocumentVersion>> {
    await this.assertDefined(collection);
    const rows = await run<{ id: string; doc: ReadDocument | null; position: string }>(this.pool, {
      sql: `SELECT id, doc, position FROM ${this.table(collectionTable(collection))} WHERE id = ANY(?::text[])`,
      params: [ids],
    });
    return new Map(rows.map((row) => [row.id, { doc: row.doc ?? undefined, position: Number(row.position) }]));
  }

  async getCheckpoint(projection: string): Promise<Checkpoint | undefined> {
    await this.ready();
    const [row] = await run<{ position: string; version: number }>(this.pool, {
      sql: `SELECT position, version FROM ${this.table(CHECKPOINTS_TABLE)} WHERE projection = ?`,
      params: [projection],
    });
    return row ? { position: Number(row.position), version: row.version } : undefined;
  }

  async commit(projection: string, writes: readonly WriteOperation[], checkpoint: Checkpoint): Promise<void> {
    // Checked before the transaction starts: a refused commit writes nothing.
    for (const write of writes) {
      if (write.kind === 'upsert') assertWritableDocument(write.collection, write.doc);
      if (write.kind === 'patch') assertPatchFields(write.collection, write.fields);
    }
    await this.ready();
    await inTransaction(this.pool, async (client) => {
      await lockSchema(client, this.schema, 'shared');
      const specs = await this.definedSpecs(client, writes.map((write) => write.collection));
      await recordFieldKinds(client, this.schema, specs, writes);
      await applyWrites(client, this.schema, writes, (collection) => specs.get(collection)?.textFields ?? []);
      await run(client, {
        sql: `INSERT INTO ${this.table(CHECKPOINTS_TABLE)} AS stored (projection, position, version, committed_at) VALUES (?, ?, ?, now())
          ON CONFLICT (projection) DO UPDATE SET position = GREATEST(stored.position, excluded.position), version = excluded.version, committed_at = excluded.committed_at`,
        params: [projection, checkpoint.position, checkpoint.version],
      });
    });
  }

  async reset(projection: string, collections: readonly string[]): Promise<void> {
    await this.ready();
    await inTransaction(this.pool, async (client) => {
      await lockSchema(client, this.schema, 'shared');
      await this.definedSpecs(client, collections);
      for (const collection of collections) await client.query(`DELETE FROM ${this.table(collectionTable(collection))}`);
      await forgetFieldKinds(client, this.schema, collections);
      await run(client, { sql: `DELETE FROM ${this.table(CHECKPOINTS_TABLE)} WHERE projection = ?`, params: [projection] });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Creates the schema and the store's own tables once per store; a failed attempt is tried again by the next call. */
  private ready(): Promise<void> {
    this.prepared ??= inTransaction(this.pool, async (client) => {
      await lockSchema(client, this.schema, 'exclusive');
      await createMetaTables(client, this.schema);
    }).catch((error: unknown) => {
      this.prepared = undefined;
      throw error;
    });
    return this.prepared;
  }

  /** The stored specs of the collections, read in the transaction. Also what keeps other names out of SQL: only validated, defined names pass. */
  private async definedSpecs(client: PoolClient, collections: readonly string[]): Promise<Map<string, StoredCollectionSpec>> {
    const names = [...new Set(collections)];
    const specs = await readStoredSpecs(client, this.schema, names);
    const missing = names.find((name) => !specs.has(name));
    if (missing !== undefined) throw new InvalidReadQueryError(`Collection ${missing} is not defined`);
    return specs;
  }

  private async assertDefined(collection: string): Promise<void> {
    if (!(await this.spec(collection, false)) && !(await this.spec(collection, true))) {
      throw new InvalidReadQueryError(`Collection ${collection} is not defined`);
    }
  }

  private table(name: string): string {
    return qualified(this.schema, name);
  }
}
