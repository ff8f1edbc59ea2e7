import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createSqliteReadStore } from '../../platform/readstore/sqlite';
import { readStoreContract } from './readstore.contract';

describe('SQLite read store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'goliath-readstore-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('contract', () => {
    readStoreContract(async () => createSqliteReadStore({ file: join(dir, 'contract.sqlite') }));
  });

  it('reads the checkpoints of a file from before projections had versions as committed by version 1', async () => {
    const file = join(dir, 'before-versions.sqlite');
    const before = new Database(file);
    before.exec(`CREATE TABLE rm_checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL, committed_at TEXT NOT NULL);
      INSERT INTO rm_checkpoints VALUES ('users', 42, '2025-01-01T00:00:00.000Z');`);
    before.close();

    const store = createSqliteReadStore({ file });
    expect(await store.getCheckpoint('users')).toEqual({ position: 42, version: 1 });
    await store.commit('users', [], { position: 43, version: 2 });
    expect(await store.getCheckpoint('users')).toEqual({ position: 43, version: 2 });
    await store.close();
    // opened again, the column is there already
    const again = createSqliteReadStore({ file });
    expect(await again.getCheckpoint('users')).toEqual({ position: 43, version: 2 });
    await again.close();
  });

  describe('reading while another connection commits', () => {
    it('serves the last committed state while a write transaction is open, then the new one', async () => {
      // Given a collection with one document
      const file = join(dir, 'wal.sqlite');
      const store = createSqliteReadStore({ file });
      await store.defineCollections([{ name: 'jobs', indexes: ['state'] }]);
      await store.commit('jobs-projection', [{ kind: 'upsert', collection: 'jobs', doc: { id: 'j1', state: 'queued' }, position: 1 }], { position: 1, version: 1 });

      // When another thread holds a write transaction that changes it
      const writer = holdWriteTransaction(file, 400);
      await writer.started;
      const startedReading = Date.now();
      const during = await store.collection('jobs').get('j1');
      const readTook = Date.now() - startedReading;
      await writer.finished;

      // Then reads neither block nor see the uncommitted change, and see it once committed
      expect(during).toEqual({ id: 'j1', state: 'queued' });
      expect(readTook).toBeLessThan(200);
      expect(await store.collection('jobs').get('j1')).toEqual({ id: 'j1', state: 'running' });
      await store.close();
    });
  });
});

/** A worker thread with its own connection that updates the document inside a transaction it keeps open for `holdMs`. */
function holdWriteTransaction(file: string, holdMs: number): { started: Promise<void>; finished: Promise<void> } {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require('better-sqlite3');
    const db = new Database(workerData.file);
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN IMMEDIATE');
    db.prepare("UPDATE rm_jobs SET doc = json_set(doc, '$.state', 'running'), position = 2 WHERE id = 'j1'").run();
    parentPort.postMessage('started');
    const until = Date.now() + workerData.holdMs;
    while (Date.now() < until) {}
    db.exec('COMMIT');
    db.close();
    `,
    { eval: true, workerData: { file, holdMs } },
  );
  const started = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  const finished = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', () => resolve());
  });
  return { started, finished };
}
