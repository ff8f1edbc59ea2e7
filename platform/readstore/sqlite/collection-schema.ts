import type Database from 'better-sqlite3';
import type { CollectionSpec } from '../port';
import { keptFieldKinds, type StoredCollectionSpec } from '../field-kinds';
import { assertCollectionSpec } from '../names';
import {
  COLLECTIONS_TABLE,
  CHECKPOINTS_TABLE,
  COLLECTION_VERSIONS_TABLE,
  collectionTable,
  fieldExpression,
  indexName,
  indexNamePrefix,
  quoteIdentifier as q,
  textTable,
} from './sql-names';

/**
 * The read-model tables. A collection is one table; `doc` NULL marks a deleted document whose row
 * stays as a tombstone carrying the position of the delete, so that a redelivered older write
 * cannot bring it back. Text fields are copied into an FTS5 table by triggers, so the text index
 * is maintained inside the same transaction as the document.
 */

/** A checkpoint stored before projections had versions was committed by version 1 of its fold. */
const CHECKPOINT_VERSION_COLUMN = 'version INTEGER NOT NULL DEFAULT 1';

export function createMetaTables(db: Database.Database): void {
  // IMMEDIATE: processes opening one file at once must not both add the version column.
  db.transaction(() => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${q(COLLECTIONS_TABLE)} (name TEXT PRIMARY KEY, spec TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS ${q(CHECKPOINTS_TABLE)} (
        projection TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        committed_at TEXT NOT NULL,
        ${CHECKPOINT_VERSION_COLUMN}
      );
      CREATE TABLE IF NOT EXISTS ${q(COLLECTION_VERSIONS_TABLE)} (collection TEXT PRIMARY KEY, version INTEGER NOT NULL);
    `);
    const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(CHECKPOINTS_TABLE) as { name: string }[];
    if (!columns.some((column) => column.name === 'version')) db.exec(`ALTER TABLE ${q(CHECKPOINTS_TABLE)} ADD COLUMN ${CHECKPOINT_VERSION_COLUMN}`);
  }).immediate();
}

export function readStoredSpec(db: Database.Database, name: string): StoredCollectionSpec | undefined {
  const row = db.prepare(`SELECT spec FROM ${q(COLLECTIONS_TABLE)} WHERE name = ?`).get(name) as { spec: string } | undefined;
  return row ? (JSON.parse(row.spec) as StoredCollectionSpec) : undefined;
}

/** Creates or adjusts one collection to match its spec; a no-op when nothing changed. Runs inside the caller's transaction. */
export function defineCollection(db: Database.Database, spec: CollectionSpec): void {
  assertCollectionSpec(spec);
  const previous = readStoredSpec(db, spec.name);
  const table = q(collectionTable(spec.name));
  // `rid` is an explicit INTEGER PRIMARY KEY because the FTS rows point at it: an implicit rowid may be renumbered by VACUUM.
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc TEXT,
    position INTEGER NOT NULL
  )`);
  syncIndexes(db, spec);
  if (!sameTextFields(previous?.textFields, spec.textFields) || !textTablePresenceMatches(db, spec)) syncTextIndex(db, spec);
  db.prepare(`INSERT INTO ${q(COLLECTIONS_TABLE)} (name, spec) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET spec = excluded.spec`).run(
    spec.name,
    JSON.stringify({ name: spec.name, indexes: [...spec.indexes], textFields: [...(spec.textFields ?? [])], kinds: keptFieldKinds(previous?.kinds, spec.indexes) }),
  );
}

function syncIndexes(db: Database.Database, spec: CollectionSpec): void {
  const wanted = new Map(spec.indexes.filter((field) => field !== 'id').map((field) => [indexName(spec.name, field), field]));
  const existing = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND substr(name, 1, ?) = ?`)
    .all(collectionTable(spec.name), indexNamePrefix(spec.name).length, indexNamePrefix(spec.name)) as { name: string }[];
  for (const { name } of existing) if (!wanted.has(name)) db.exec(`DROP INDEX ${q(name)}`);
  // `id` rides along in every index so that a sort on the field with the id tie-breaker is an index walk.
  for (const [name, field] of wanted) {
    db.exec(`CREATE INDEX IF NOT EXISTS ${q(name)} ON ${q(collectionTable(spec.name))} (${fieldExpression(field)}, id)`);
  }
}

function textTablePresenceMatches(db: Database.Database, spec: CollectionSpec): boolean {
  const wanted = (spec.textFields ?? []).length > 0;
  const row = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(textTable(spec.name));
  return wanted === (row !== undefined);
}

function syncTextIndex(db: Database.Database, spec: CollectionSpec): void {
  const table = q(collectionTable(spec.name));
  const fts = q(textTable(spec.name));
  for (const suffix of ['ai', 'ad', 'au']) db.exec(`DROP TRIGGER IF EXISTS ${q(`${textTable(spec.name)}_${suffix}`)}`);
  db.exec(`DROP TABLE IF EXISTS ${fts}`);
  const fields = spec.textFields ?? [];
  if (fields.length === 0) return;

  const columns = fields.map((_, i) => `c${i}`);
  const values = (row: 'new' | 'src') => fields.map((field) => `json_extract(${row}.doc, '$.${field}')`).join(', ');
  db.exec(`CREATE VIRTUAL TABLE ${fts} USING fts5(${columns.join(', ')}, tokenize = 'unicode61 remove_diacritics 2')`);
  db.exec(`
    CREATE TRIGGER ${q(`${textTable(spec.name)}_ai`)} AFTER INSERT ON ${table} WHEN new.doc IS NOT NULL BEGIN
      INSERT INTO ${fts} (rowid, ${columns.join(', ')}) VALUES (new.rid, ${values('new')});
    END;
    CREATE TRIGGER ${q(`${textTable(spec.name)}_ad`)} AFTER DELETE ON ${table} WHEN old.doc IS NOT NULL BEGIN
      DELETE FROM ${fts} WHERE rowid = old.rid;
    END;
    CREATE TRIGGER ${q(`${textTable(spec.name)}_au`)} AFTER UPDATE OF doc ON ${table} BEGIN
      DELETE FROM ${fts} WHERE rowid = old.rid;
      INSERT INTO ${fts} (rowid, ${columns.join(', ')}) SELECT new.rid, ${values('new')} WHERE new.doc IS NOT NULL;
    END;
  `);
  db.exec(`INSERT INTO ${fts} (rowid, ${columns.join(', ')}) SELECT src.rid, ${values('src')} FROM ${table} AS src WHERE src.doc IS NOT NULL`);
}

function sameTextFields(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((field, i) => field === right[i]);
}
