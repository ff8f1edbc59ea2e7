import type Database from 'better-sqlite3';
import type { SqlValue } from './sql-query';

const MAX_ANSWERS = 128;
const MAX_ROWS = 100;

/**
 * The rows of recent read statements, answered again while the database is unchanged: discovery
 * runs the same counts, facets and first pages for every visitor, each a walk over thousands of
 * index entries. Any commit empties it: one through this connection (the store calls `clear`), or
 * one through any other connection or process, which moves SQLite's `data_version` (read once per
 * query, a statement of microseconds). Answers of more than MAX_ROWS rows are not kept and the
 * cache starts over when full, so it holds at most MAX_ANSWERS × MAX_ROWS rows. Callers copy what
 * they return out of the rows and never change them.
 */
export class ReadCache {
  private readonly answers = new Map<string, readonly unknown[]>();
  private readonly dataVersion: Database.Statement;
  private version: unknown;

  constructor(db: Database.Database) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  rows(sql: string, params: readonly SqlValue[], run: () => unknown[]): readonly unknown[] {
    const version = this.dataVersion.get();
    if (version !== this.version) {
      this.answers.clear();
      this.version = version;
    }
    const key = JSON.stringify([sql, params]);
    const cached = this.answers.get(key);
    if (cached) return cached;
    const rows = run();
    if (rows.length <= MAX_ROWS) {
      if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
      this.answers.set(key, rows);
    }
    return rows;
  }

  clear(): void {
    this.answers.clear();
  }
}
