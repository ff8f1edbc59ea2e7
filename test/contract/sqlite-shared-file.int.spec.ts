import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NewEvent } from '../../platform/eventstore/port';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import { createSqliteReadStore } from '../../platform/readstore/sqlite';
import { BUSY_TIMEOUT_MS, openDatabase } from '../../platform/sqlite/open-database';

/**
 * Split mode: every process opens the one SQLite file. Another process's write transaction is
 * played by a worker thread with its own connection that holds the write lock for a while and then
 * commits. Whatever reads before it writes must wait for it (IMMEDIATE + busy timeout), not fail
 * with SQLITE_BUSY because its snapshot went stale while it waited.
 */
describe('SQLite stores sharing one file with another process that writes', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'goliath-shared-file-'));
    file = join(dir, 'goliath.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every connection the busy timeout', () => {
    const db = openDatabase(file);
    try {
      expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('commits a projection batch that patches a document after the other writer commits, without SQLITE_BUSY', async () => {
    // given a document another process is about to change in an open write transaction
    const store = createSqliteReadStore({ file });
    await store.defineCollections([{ name: 'jobs', indexes: [] }, { name: 'other', indexes: [] }]);
    await store.commit('jobs-projection', [{ kind: 'upsert', collection: 'jobs', doc: { id: 'j1', state: 'queued', runs: 0 }, position: 1 }], { position: 1, version: 1 });
    const writer = holdWriteTransaction(file, 300, "INSERT INTO rm_other (id, doc, position) VALUES ('o1', '{\"id\":\"o1\"}', 2)");
    await writer.started;

    // when this process commits a batch that reads the document (patch) and writes it
    await store.commit('jobs-projection', [{ kind: 'patch', collection: 'jobs', id: 'j1', fields: { state: 'running' }, position: 3 }], { position: 3, version: 1 });
    await writer.finished;

    // then both writes are there
    expect(await store.collection('jobs').get('j1')).toEqual({ id: 'j1', state: 'running', runs: 0 });
    expect(await store.collection('other').get('o1')).toEqual({ id: 'o1' });
    expect(await store.getCheckpoint('jobs-projection')).toEqual({ position: 3, version: 1 });
    await store.close();
  });

  it('defines collections after the other writer commits, without SQLITE_BUSY', async () => {
    const store = createSqliteReadStore({ file });
    await store.defineCollections([{ name: 'other', indexes: [] }]);
    const writer = holdWriteTransaction(file, 300, "INSERT INTO rm_other (id, doc, position) VALUES ('o1', '{\"id\":\"o1\"}', 1)");
    await writer.started;

    await store.defineCollections([{ name: 'jobs', indexes: ['state'], textFields: ['state'] }, { name: 'other', indexes: ['kind'] }]);
    await writer.finished;

    expect(await store.collection('jobs').count()).toBe(0);
    await store.close();
  });

  it('appends after the other writer commits, at the next position, without SQLITE_BUSY', async () => {
    const store = createSqliteEventStore({ file });
    await store.append('job-1', [event()], 'no-stream');
    const writer = holdWriteTransaction(
      file,
      300,
      `INSERT INTO es_events (position, event_id, stream_id, revision, category, type, data, metadata, recorded_at) VALUES (2, '${randomUUID()}', 'job-2', 0, 'job', 'JobQueued', '{}', '{}', '2026-01-01T00:00:00.000Z')`,
    );
    await writer.started;

    const appended = await store.append('job-1', [event()], 0);
    await writer.finished;

    expect(appended.position).toBe(3);
    await store.close();
  });
});

function event(): NewEvent {
  return {
    id: randomUUID(),
    type: 'JobQueued',
    data: {},
    metadata: { tenantId: 't', actor: 'test', correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1 },
  };
}

/** A worker thread with its own connection (as another process has) that runs `sql` in a write transaction it keeps open for `holdMs`. */
function holdWriteTransaction(file: string, holdMs: number, sql: string): { started: Promise<void>; finished: Promise<void> } {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require('better-sqlite3');
    const db = new Database(workerData.file, { timeout: 5000 });
    db.exec('BEGIN IMMEDIATE');
    db.prepare(workerData.sql).run();
    parentPort.postMessage('started');
    const until = Date.now() + workerData.holdMs;
    while (Date.now() < until) {}
    db.exec('COMMIT');
    db.close();
    `,
    { eval: true, workerData: { file, holdMs, sql } },
  );
  const started = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  const finished = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', () => resolve());
  });
  return { started, finished };
}
