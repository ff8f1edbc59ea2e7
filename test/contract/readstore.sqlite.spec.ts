import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { ReadQueryTimeoutError, type ReadStore } from '../../platform/readstore/port';
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

  describe('time budgets (statements cannot be interrupted: measured, and none started once the budget is spent)', () => {
    let budgetStores = 0;

    /** A clock that reads the given times in turn, then stays at the last; it counts its readings. */
    function scriptedClock(readings: number[]): { clock: () => number; reads: () => number } {
      let reads = 0;
      return { clock: () => readings[Math.min(reads++, readings.length - 1)], reads: () => reads };
    }

    async function givenStore(clock: () => number): Promise<ReadStore> {
      const store = createSqliteReadStore({ file: join(dir, `budget-${(budgetStores += 1)}.sqlite`), clock });
      await store.defineCollections([{ name: 'listings', indexes: ['category', 'price'], textFields: ['title'] }]);
      await store.commit('listings-projection', [{ kind: 'upsert', collection: 'listings', doc: { id: 'a', category: 'routing', price: 5, title: 'Tabu' }, position: 1 }], { position: 1, version: 1 });
      return store;
    }

    it('throws once a statement has taken the query past its budget', async () => {
      // Given a statement that takes 250 ms by the clock (readings: start, before, after)
      const store = await givenStore(scriptedClock([0, 0, 250]).clock);
      // When it runs with a budget of 100 ms, then it times out after the fact
      await expect(store.collection('listings').search('tabu', { sort: [{ field: 'price', direction: 'asc' }], maxTimeMs: 100 })).rejects.toBeInstanceOf(ReadQueryTimeoutError);
      await store.close();
    });

    it('answers when the statement stays within the budget', async () => {
      const store = await givenStore(scriptedClock([0, 0, 250]).clock);
      expect(await store.collection('listings').count(undefined, { text: 'tabu', maxTimeMs: 300 })).toBe(1);
      await store.close();
    });

    it('answers facets, counts and a total as one statement, and starts none once the budget is spent', async () => {
      const request = { total: { filter: {} }, category: { field: 'category' }, price: { field: 'price', buckets: [0, 10] }, cheap: { filter: { price: { lte: 5 } } } };
      // Given a clock that stays within the budget: it is read at the start and around the one statement
      const within = scriptedClock([0, 0, 50]);
      const store = await givenStore(within.clock);
      expect(await store.collection('listings').facets(request, { maxTimeMs: 100 })).toMatchObject({ total: 1, cheap: 1, category: [{ value: 'routing', count: 1 }] });
      expect(within.reads()).toBe(3);
      await store.close();
      // Given a budget already spent when the statement would start
      const spent = scriptedClock([0, 100]);
      const late = await givenStore(spent.clock);
      // Then the query times out without running it
      await expect(late.collection('listings').facets(request, { maxTimeMs: 100 })).rejects.toBeInstanceOf(ReadQueryTimeoutError);
      expect(spent.reads()).toBe(2);
      await late.close();
    });
  });

  describe('repeated reads (answered from memory while their collection is unchanged)', () => {
    it("sees another process's commit at once, and its own, and keeps its answers through commits to other collections", async () => {
      // Given a listing read by count, facets and a page
      const file = join(dir, 'repeated-reads.sqlite');
      const store = createSqliteReadStore({ file });
      await store.defineCollections([{ name: 'listings', indexes: ['category'], textFields: ['title'] }]);
      const listing = { id: 'a', category: 'routing', title: 'Tabu' };
      await store.commit('listings-projection', [{ kind: 'upsert', collection: 'listings', doc: listing, position: 1 }], { position: 1, version: 1 });
      const listings = store.collection('listings');
      const read = async () => ({
        count: await listings.count({ category: 'routing' }, { text: 'tabu' }),
        facets: await listings.facets({ category: { field: 'category' } }),
        page: (await listings.find({ where: { category: 'routing' } })).items,
      });
      const before = await read();
      expect(before).toEqual({ count: 1, facets: { category: [{ value: 'routing', count: 1 }] }, page: [listing] });

      // When another process's read store changes it
      const other = createSqliteReadStore({ file });
      await other.commit('listings-projection', [{ kind: 'upsert', collection: 'listings', doc: { ...listing, category: 'finance' }, position: 2 }], { position: 2, version: 1 });
      await other.close();

      // Then the same reads see the change, and again after the store's own commit
      expect(await read()).toEqual({ count: 0, facets: { category: [{ value: 'finance', count: 1 }] }, page: [] });
      await store.commit('listings-projection', [{ kind: 'upsert', collection: 'listings', doc: listing, position: 3 }], { position: 3, version: 1 });
      expect(await read()).toEqual(before);

      // And a commit to another collection (or a checkpoint alone) leaves the answers in memory: a change under them unseen proves it
      await store.defineCollections([{ name: 'orders', indexes: [] }]);
      await read();
      await store.commit('orders-projection', [{ kind: 'upsert', collection: 'orders', doc: { id: 'o1' }, position: 4 }], { position: 4, version: 1 });
      const behindTheStore = new Database(file);
      behindTheStore.prepare(`UPDATE rm_listings SET doc = json_set(doc, '$.category', 'energy') WHERE id = 'a'`).run();
      behindTheStore.close();
      expect(await read()).toEqual(before);
      await store.close();
    });
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
