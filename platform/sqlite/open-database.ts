import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
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
 * How long a statement waits for another connection's lock before failing with SQLITE_BUSY. In
 * split mode every process opens the same file; a write transaction is held for one synchronous
 * commit (milliseconds), so waiting this long means the file is stuck, not busy.
 */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the one SQLite file that holds the event log and the read models. Each component opens
 * its own connection; WAL lets readers proceed while one writer commits, and the busy timeout
 * covers other connections and processes (split mode) writing to the same file. It is set as the
 * file opens (better-sqlite3's `timeout`, SQLite's busy_timeout), before anything else, because
 * switching a new file to WAL already takes a lock another process may hold.
 *
 * The timeout only helps a transaction that takes the write lock up front: one that reads and then
 * writes must begin IMMEDIATE (better-sqlite3: `db.transaction(fn).immediate()`), since a deferred
 * transaction whose snapshot another process's commit made stale fails at once when it upgrades.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  if (file !== ':memory:' && !options.readonly) ownerOnly(file);
  const db = new Database(file, { readonly: options.readonly ?? false, timeout: BUSY_TIMEOUT_MS });
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  return db;
}

/** The files SQLite keeps beside the database in WAL mode. */
const COMPANION_SUFFIXES = ['-wal', '-shm'];

/**
 * The database holds every tenant's data: it, and the WAL and shared-memory files beside it, are
 * readable by their owner only (0600). SQLite gives the -wal and -shm files the database file's
 * permissions when it creates them, so creating the database 0600 (before SQLite does, with its
 * 0644) covers all three; files an earlier version left open to others are closed down here too.
 */
function ownerOnly(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, ...COMPANION_SUFFIXES.map((suffix) => file + suffix)]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
