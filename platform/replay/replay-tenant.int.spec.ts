import { randomUUID } from 'node:crypto';
import type { EventStore } from '../eventstore/port';
import { createSqliteEventStore } from '../eventstore/sqlite';
import { NO_UPCASTERS } from '../eventstore/upcasting';
import type { ReplayProjection } from './replay-projection';
import { replayTenantAsOf } from './replay-tenant';

/** A small read model of "items" with a name, renamed by patch and removed by delete. */
const itemsProjection: ReplayProjection = {
  name: 'items',
  collections: [{ name: 'items' }],
  filter: { categories: ['item'] },
  async handle(event, context) {
    const data = event.data as { id: string; name?: string };
    if (event.type === 'ItemAdded') context.upsert('items', { id: data.id, name: data.name, renames: 0 });
    if (event.type === 'ItemRenamed') {
      const current = await context.get<{ id: string; renames: number }>('items', data.id);
      context.patch('items', data.id, { name: data.name, renames: (current?.renames ?? 0) + 1, ignored: undefined });
    }
    if (event.type === 'ItemRemoved') context.delete('items', data.id);
  },
};
const countsProjection: ReplayProjection = {
  name: 'counts',
  collections: [{ name: 'event_counts' }],
  async handle(event, context) {
    const current = await context.get<{ id: string; count: number }>('event_counts', event.metadata.tenantId);
    context.upsert('event_counts', { id: event.metadata.tenantId, count: (current?.count ?? 0) + 1 });
  },
};

describe('replayTenantAsOf on the SQLite event store', () => {
  let eventStore: EventStore;
  const append = (tenantId: string, streamId: string, type: string, data: Record<string, unknown>) =>
    eventStore.append(streamId, [{ id: randomUUID(), type, data, metadata: { tenantId, actor: 'test', correlationId: 'c', causationId: 'c', occurredAt: new Date().toISOString(), schemaVersion: 1 } }], 'any');

  beforeEach(() => {
    eventStore = createSqliteEventStore({ file: ':memory:' });
  });
  afterEach(() => eventStore.close());

  it("folds only the tenant's events up to a position, with every projection", async () => {
    // Given two tenants' items, renamed and removed over time
    await append('acme', 'item-1', 'ItemAdded', { id: 'i1', name: 'first' });
    await append('globex', 'item-2', 'ItemAdded', { id: 'i2', name: 'theirs' });
    const beforeRename = await append('acme', 'item-3', 'ItemAdded', { id: 'i3', name: 'third' });
    await append('acme', 'item-1', 'ItemRenamed', { id: 'i1', name: 'renamed' });
    await append('acme', 'item-3', 'ItemRemoved', { id: 'i3' });
    // When replayed as of the position before the rename, and as of the head
    const past = await replayTenantAsOf(eventStore, 'acme', { position: beforeRename.position }, [itemsProjection, countsProjection], NO_UPCASTERS);
    const now = await replayTenantAsOf(eventStore, 'acme', { position: Number.MAX_SAFE_INTEGER }, [itemsProjection, countsProjection], NO_UPCASTERS);
    // Then the past shows both items with their first names, the present the rename and the removal
    expect(past).toMatchObject({ tenantId: 'acme', position: beforeRename.position, eventCount: 2 });
    expect(past.collections).toEqual([
      { name: 'items', documents: [{ id: 'i1', name: 'first', renames: 0 }, { id: 'i3', name: 'third', renames: 0 }] },
      { name: 'event_counts', documents: [{ id: 'acme', count: 2 }] },
    ]);
    expect(now).toMatchObject({ eventCount: 4, position: await eventStore.headPosition() });
    expect(now.collections[0].documents).toEqual([{ id: 'i1', name: 'renamed', renames: 1 }]);
  });

  it('replays as of a time as the prefix of the log recorded by then', async () => {
    await append('acme', 'item-1', 'ItemAdded', { id: 'i1', name: 'first' });
    await new Promise((resolve) => setTimeout(resolve, 15));
    const cut = new Date();
    await new Promise((resolve) => setTimeout(resolve, 15));
    await append('acme', 'item-1', 'ItemRenamed', { id: 'i1', name: 'later' });
    const replay = await replayTenantAsOf(eventStore, 'acme', { time: cut }, [itemsProjection], NO_UPCASTERS);
    expect(replay).toMatchObject({ asOf: cut.toISOString(), position: 1, eventCount: 1 });
    expect(replay.collections[0].documents).toEqual([{ id: 'i1', name: 'first', renames: 0 }]);
  });

  it('answers empty collections before anything happened, and reports progress', async () => {
    await append('acme', 'item-1', 'ItemAdded', { id: 'i1', name: 'first' });
    const progress: number[] = [];
    const replay = await replayTenantAsOf(eventStore, 'acme', { time: new Date('2000-01-01T00:00:00Z') }, [itemsProjection], NO_UPCASTERS, { onProgress: (read) => progress.push(read) });
    expect(replay).toMatchObject({ position: 0, eventCount: 0, collections: [{ name: 'items', documents: [] }] });
    expect(progress).toEqual([0]);
  });

  it('names the projection and event when a handler fails', async () => {
    await append('acme', 'item-1', 'ItemAdded', { id: 'i1' });
    const failing: ReplayProjection = { name: 'broken', collections: [], handle: () => { throw new Error('boom'); } };
    await expect(replayTenantAsOf(eventStore, 'acme', { position: 10 }, [failing], NO_UPCASTERS)).rejects.toThrow('Replay: projection broken failed on ItemAdded at position 1: boom');
  });
});
