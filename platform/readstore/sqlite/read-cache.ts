import type Database from 'better-sqlite3';
import type { SqlValue } from './sql-query';
import { COLLECTION_VERSIONS_TABLE, quoteIdentifier as q } from './sql-names';

/** Rows kept in all: answers of up to MAX_ROWS rows each, so at most a few MB. */
const MAX_KEPT_ROWS = 20_000;
const MAX_ROWS = 100;

/**
 * The rows of recent read statements, answered again while their collection is unchanged:
 * discovery runs the same counts, facets and first pages for visitor after visitor, each a walk
 * over thousands of index entries. Every commit that writes a collection moves that collection's
 * version (`rm_collection_versions`, in the commit's own transaction, whichever connection or
 * process commits), and a read looks the version up first (one primary-key read): answers of an
 * older version are dropped. Reading the version before running the statement is what keeps this
 * safe: a commit in between gives rows newer than the version they are kept under, never older, and
 * the next read sees the new version and drops them. Writes to other collections and event appends
 * leave the answers alone. Answers of more than MAX_ROWS rows are not kept, and the cache starts
 * over when MAX_KEPT_ROWS would be passed. Callers copy what they return out of the rows and never
 * change them.
 */
export class ReadCache {
  private readonly answers = new Map<string, { readonly version: number; readonly rows: Map<string, readonly unknown[]> }>();
  private kept = 0;
  private readonly versionOf: Database.Statement;

  constructor(db: Database.Database) {
    this.versionOf = db.prepare(`SELECT version FROM ${q(COLLECTION_VERSIONS_TABLE)} WHERE collection = ?`).pluck();
  }

  rows(collection: string, sql: string, params: readonly SqlValue[], run: () => unknown[]): readonly unknown[] {
    const version = (this.versionOf.get(collection) as number | undefined) ?? 0;
    let answers = this.answers.get(collection);
    if (answers?.version !== version) {
      this.forget(collection);
      answers = { version, rows: new Map() };
      this.answers.set(collection, answers);
    }
    const key = JSON.stringify([sql, params]);
    const cached = answers.rows.get(key);
    if (cached) return cached;
    const rows = run();
    if (rows.length <= MAX_ROWS) {
      if (this.kept + rows.length > MAX_KEPT_ROWS) this.clear();
      this.answers.set(collection, answers);
      answers.rows.set(key, rows);
      this.kept += rows.length;
    }
    return rows;
  }

  clear(): void {
    this.answers.clear();
    this.kept = 0;
  }

  private forget(collection: string): void {
    for (const rows of this.answers.get(collection)?.rows.values() ?? []) this.kept -= rows.length;
    this.answers.delete(collection);
  }
}
