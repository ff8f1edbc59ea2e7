import type { PoolClient } from 'pg';
import type { CollectionSpec } from '../port';
import { keptFieldKinds, type StoredCollectionSpec } from '../field-kinds';
import { CHECKPOINTS_TABLE, COLLECTIONS_TABLE, collectionTable, fieldIndexName, fieldKey, primaryKeyName, qualified, quoteIdentifier as q, textIndexName } from './pg-names';
import { LIVE } from './pg-query';
import { documentWords, textVector } from './pg-text';
import { run } from './pg-transaction';

/**
 * The read-model tables. A collection is one table: `id` (byte order, as ids sort on SQLite), `doc`
 * JSONB (NULL marks a deleted document whose row stays as a tombstone carrying the position of the
 * delete, so that a redelivered older write cannot bring it back), `position` of the last write, and
 * `words`, the tsvector of its text fields, written with the document in the same statement.
 */

/**
 * Serialises schema changes per schema (exclusive) against commits (shared), in the two-key space
 * of advisory locks, apart from any single-key lock the other adapters take. A commit reads the
 * collections' text fields under the shared lock, so a redefinition that rewrites every document's
 * words never misses one committed meanwhile with the old fields.
 */
export async function lockSchema(client: PoolClient, schema: string, mode: 'exclusive' | 'shared'): Promise<void> {
  const lock = mode === 'exclusive' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
  await run(client, { sql: `SELECT ${lock}(hashtext('goliath.readstore'), hashtext(?))`, params: [schema] });
}

/** Inside an exclusive lockSchema transaction. */
export async function createMetaTables(client: PoolClient, schema: string): Promise<void> {
  // CREATE SCHEMA IF NOT EXISTS needs the right to create schemas even when it exists.
  const existing = await run(client, { sql: 'SELECT 1 FROM pg_namespace WHERE nspname = ?', params: [schema] });
  if (existing.length === 0) await client.query(`CREATE SCHEMA ${q(schema)}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${qualified(schema, COLLECTIONS_TABLE)} (name text PRIMARY KEY, spec jsonb NOT NULL)`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${qualified(schema, CHECKPOINTS_TABLE)} (
    projection text PRIMARY KEY,
    position bigint NOT NULL,
    version integer NOT NULL,
    committed_at timestamptz NOT NULL
  )`);
}

export async function readStoredSpecs(client: PoolClient, schema: string, names: readonly string[]): Promise<Map<string, StoredCollectionSpec>> {
  const rows = await run<{ spec: StoredCollectionSpec }>(client, { sql: `SELECT spec FROM ${qualified(schema, COLLECTIONS_TABLE)} WHERE name = ANY(?::text[])`, params: [names] });
  return new Map(rows.map((row) => [row.spec.name, row.spec]));
}

/** Creates or adjusts one collection to match its spec; a no-op when nothing changed. Inside an exclusive lockSchema transaction. */
export async function defineCollection(client: PoolClient, schema: string, spec: CollectionSpec): Promise<void> {
  const previous = (await readStoredSpecs(client, schema, [spec.name])).get(spec.name);
  const table = qualified(schema, collectionTable(spec.name));
  await client.query(`CREATE TABLE IF NOT EXISTS ${table} (
    id text COLLATE "C" NOT NULL,
    doc jsonb,
    position bigint NOT NULL,
    words tsvector,
    CONSTRAINT ${q(primaryKeyName(spec.name))} PRIMARY KEY (id)
  )`);
  await syncIndexes(client, schema, spec);
  const textFields = spec.textFields ?? [];
  if (!previous || !sameFields(previous.textFields ?? [], textFields)) await rewriteWords(client, table, textFields);
  const stored: StoredCollectionSpec = { name: spec.name, indexes: [...spec.indexes], textFields: [...textFields], kinds: keptFieldKinds(previous?.kinds, spec.indexes) };
  await run(client, {
    sql: `INSERT INTO ${qualified(schema, COLLECTIONS_TABLE)} (name, spec) VALUES (?, ?::jsonb) ON CONFLICT (name) DO UPDATE SET spec = excluded.spec`,
    params: [spec.name, JSON.stringify(stored)],
  });
}

/**
 * One index per declared field on its key with `id` (so a sort with the id tie-breaker is an index
 * walk), NULLs first as the sorts want them and live documents only, as every read asks; one GIN
 * index on the words when there are text fields. Indexes of fields no longer declared are dropped.
 */
async function syncIndexes(client: PoolClient, schema: string, spec: CollectionSpec): Promise<void> {
  const table = qualified(schema, collectionTable(spec.name));
  const wanted = new Map<string, string>();
  for (const field of spec.indexes) if (field !== 'id') wanted.set(fieldIndexName(spec.name, field), `ON ${table} (${fieldKey(field)} NULLS FIRST, id) WHERE ${LIVE.sql}`);
  if ((spec.textFields ?? []).length > 0) wanted.set(textIndexName(spec.name), `ON ${table} USING gin (words)`);
  const existing = await run<{ indexname: string }>(client, { sql: 'SELECT indexname FROM pg_indexes WHERE schemaname = ? AND tablename = ?', params: [schema, collectionTable(spec.name)] });
  const present = new Set(existing.map((row) => row.indexname));
  for (const name of present) if (!wanted.has(name) && name !== primaryKeyName(spec.name)) await client.query(`DROP INDEX ${qualified(schema, name)}`);
  // Created only when missing: CREATE INDEX IF NOT EXISTS would still wait for the table's writers.
  for (const [name, definition] of wanted) if (!present.has(name)) await client.query(`CREATE INDEX ${q(name)} ${definition}`);
}

const REWRITE_BATCH = 500;

/** Every live document's words from the text fields now declared, read in id order a batch at a time. */
async function rewriteWords(client: PoolClient, table: string, textFields: readonly string[]): Promise<void> {
  if (textFields.length === 0) {
    await client.query(`UPDATE ${table} SET words = NULL WHERE words IS NOT NULL`);
    return;
  }
  let after = '';
  for (;;) {
    const rows = await run<{ id: string; doc: object }>(client, { sql: `SELECT id, doc FROM ${table} WHERE ${LIVE.sql} AND id > ? ORDER BY id LIMIT ?`, params: [after, REWRITE_BATCH] });
    if (rows.length === 0) return;
    await run(client, {
      sql: `UPDATE ${table} AS stored SET words = ${textVector('rewritten.words')} FROM unnest(?::text[], ?::text[]) AS rewritten(id, words) WHERE stored.id = rewritten.id`,
      params: [rows.map((row) => row.id), rows.map((row) => documentWords(row.doc, textFields))],
    });
    after = rows[rows.length - 1].id;
  }
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((field, i) => field === b[i]);
}
