import { eventLoopTurnsDuring } from '../../../test/support/event-loop-turns';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, NewEvent } from '../port';
import { createSqliteEventStore } from './index';

/** What a SQLite subscriber costs: a bounded buffer, turns of the event loop while catching up, a tenant read through an index. */
describe('SQLite subscriptions under load', () => {
  let directory: string;
  let file: string;
  const stores: EventStore[] = [];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'goliath-sqlite-subscription-'));
    file = join(directory, 'goliath.sqlite');
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    rmSync(directory, { recursive: true, force: true });
  });

  function open(): EventStore {
    const store = createSqliteEventStore({ file, pollIntervalMs: 20 });
    stores.push(store);
    return store;
  }

  it('reads no more than bufferSize events ahead of its consumer', async () => {
    const store = open();
    await store.append('order-1', events(100), 'no-stream');
    const checkpoints: number[] = [];
    const subscription = store.subscribeToAll({ bufferSize: 10, onCheckpoint: (position) => checkpoints.push(position) });
    const iterator = subscription[Symbol.asyncIterator]();

    // A checkpoint is reported each time the buffer ran dry, so it says how far was read.
    for (let taken = 0; taken < 25; taken++) await iterator.next();
    await subscription.close();

    expect(checkpoints).toEqual([10, 20]);
  });

  it('lets the event loop turn between pages while catching up', async () => {
    const store = open();
    for (let batch = 0; batch < 5; batch++) await store.append('order-1', events(1000), batch === 0 ? 'no-stream' : 'any');
    const turns = await eventLoopTurnsDuring(async () => {
      let received = 0;
      for await (const _event of store.subscribeToAll({ bufferSize: 100 })) {
        if (++received === 5000) break;
      }
    });

    // 50 pages: without turns between them the whole backlog is one burst and `count` never runs.
    expect(turns).toBeGreaterThanOrEqual(40);
  });

  it('adds the tenant index to a file made before it, and reads a tenant through it', async () => {
    const before = open();
    await before.append('order-1', [...events(3, 'acme'), ...events(3, 'globex')], 'no-stream');
    await before.close();
    const older = new Database(file);
    older.exec('DROP INDEX es_events_by_tenant');
    older.close();

    const store = open();
    const received = [];
    for await (const event of store.subscribeToAll({ filter: { tenantId: 'globex' } })) {
      received.push(event);
      if (received.length === 3) break;
    }

    expect(received.map((event) => [event.position, event.metadata.tenantId])).toEqual([
      [4, 'globex'],
      [5, 'globex'],
      [6, 'globex'],
    ]);
    const reader = new Database(file, { readonly: true });
    try {
      const indexes = reader.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'es_events'").all();
      expect(indexes.map((index) => index.name)).toContain('es_events_by_tenant');
    } finally {
      reader.close();
    }
  });
});

function events(count: number, tenantId = 'acme'): NewEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    type: 'OrderPlaced',
    data: { n: index },
    metadata: { tenantId, actor: 'user:ada', correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1 },
  }));
}
