import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

export interface OpenDatabaseOptions {
  /**
   * FULL fsyncs the WAL on every commit: an acknowledged write survives power loss, not only a
   * killed process. NORMAL survives a killed process and is faster.
   */
  readonly synchronous?: SqliteSynchronous;
  readonly readonly?: boolean;
}

/**
 * Opens the one SQLite file that holds the event log and the read models. Each component opens
 * its own connection; WAL lets readers proceed while one writer commits, and the busy timeout
 * covers other processes (split mode) writing to the same file.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
