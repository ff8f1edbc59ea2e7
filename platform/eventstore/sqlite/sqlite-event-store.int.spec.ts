import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedRevisionError, type EventStore, type NewEvent, type RecordedEvent } from '../port';
import { createSqliteEventStore, EventIdConflictError } from './index';

/** What the SQLite adapter promises beyond the shared contract: contiguous positions, group commit, one shared file. */
describe('SQLite event store', () => {
  let directory: string;
  let file: string;
  const stores: EventStore[] = [];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'goliath-sqlite-es-'));
    file = join(directory, 'goliath.sqlite');
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    rmSync(directory, { recursive: true, force: true });
  });

  function open(pollIntervalMs = 20): EventStore {
    const store = createSqliteEventStore({ file, pollIntervalMs });
    stores.push(store);
    return store;
  }

  async function allPositions(store: EventStore): Promise<number[]> {
    const positions: number[] = [];
    for await (const event of store.readAll()) positions.push(event.position);
    return positions;
  }

  it('numbers the log 1..N without gaps, even when appends in the same group fail', async () => {
    const store = open();
    await store.append('order-1', [newEvent()], 'no-stream');

    const outcomes = await Promise.allSettled([
      store.append('order-2', [newEvent(), newEvent()], 'no-stream'),
      store.append('order-1', [newEvent()], 'no-stream'),
      store.append('order-3', [newEvent()], 'any'),
      store.append('order-1', [newEvent(), newEvent()], 0),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(await allPositions(store)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps positions contiguous when two connections write to the same file', async () => {
    const [first, second] = [open(), open()];

    await Promise.all(
      Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? first : second).append(`order-${index}`, [newEvent()], 'no-stream')),
    );

    expect(await allPositions(first)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
  });

  it('scopes event ids to their stream, as EventStoreDB does', async () => {
    const store = open();
    const event = newEvent();
    await store.append('order-1', [event], 'no-stream');

    await store.append('invoice-1', [event], 'no-stream');

    expect((await store.readStream('invoice-1')).map((stored) => stored.id)).toEqual([event.id]);
  });

  it('refuses an append that repeats a stored event id followed by different events, storing nothing', async () => {
    const store = open();
    const [a, b] = [newEvent(), newEvent()];
    await store.append('order-1', [a, b], 'no-stream');

    await expect(store.append('order-1', [a, newEvent()], 'no-stream')).rejects.toBeInstanceOf(EventIdConflictError);
    await expect(store.append('order-1', [a, newEvent()], 'any')).rejects.toMatchObject({ eventId: a.id, storedRevision: 0 });
    expect((await store.readStream('order-1')).map((event) => event.id)).toEqual([a.id, b.id]);
  });

  it('recognises a retry made with any revision', async () => {
    const store = open();
    const events = [newEvent(), newEvent()];
    const original = await store.append('order-1', events, 'any');

    const retried = await store.append('order-1', events, 'any');

    expect(retried).toEqual(original);
    expect(await store.readStream('order-1')).toHaveLength(2);
  });

  it('recognises a retry at its expected revision after later appends moved the stream on', async () => {
    const store = open();
    await store.append('order-1', [newEvent()], 'no-stream');
    const events = [newEvent(), newEvent()];
    const original = await store.append('order-1', events, 0);
    await store.append('order-1', [newEvent()], original.nextExpectedRevision);

    const retried = await store.append('order-1', events, 0);

    expect(retried).toEqual(original);
    expect(await store.readStream('order-1')).toHaveLength(4);
  });

  it('treats the same ids in another order as a different append', async () => {
    const store = open();
    const [a, b] = [newEvent(), newEvent()];
    await store.append('order-1', [a, b], 'no-stream');

    await expect(store.append('order-1', [b, a], 'no-stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('answers a retry sent in the same group as the original with the same result', async () => {
    const store = open();
    const events = [newEvent()];

    const [original, retried] = await Promise.all([store.append('order-1', events, 'no-stream'), store.append('order-1', events, 'no-stream')]);

    expect(retried).toEqual(original);
    expect(await store.readStream('order-1')).toHaveLength(1);
  });

  it('refuses malformed appends before they reach the log', async () => {
    const store = open();
    const event = newEvent();

    await expect(store.append('order-1', [event, event], 'any')).rejects.toThrow(/appears twice/);
    await expect(store.append('order-1', [newEvent()], -1)).rejects.toThrow(RangeError);
    await expect(store.append('', [newEvent()], 'any')).rejects.toThrow(TypeError);
    expect(await store.headPosition()).toBe(0);
  });

  it('reports the actual revision in a conflict raised inside a group', async () => {
    const store = open();
    await store.append('order-1', [newEvent(), newEvent()], 'no-stream');

    const error = await store.append('order-1', [newEvent()], 0).catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ actual: 1, expected: 0 });
  });

  it('commits appends already accepted when closed', async () => {
    const store = createSqliteEventStore({ file });
    const appended = store.append('order-1', [newEvent()], 'no-stream');

    await store.close();

    await expect(appended).resolves.toEqual({ nextExpectedRevision: 0, position: 1 });
    expect(await open().readStream('order-1')).toHaveLength(1);
  });

  it('hides events older than maxAgeSeconds when reading the stream', async () => {
    const store = open();
    await store.append('order-1', [newEvent()], 'no-stream');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await store.append('order-1', [newEvent()], 0);

    await store.setStreamMetadata('order-1', { maxAgeSeconds: 1 });

    expect((await store.readStream('order-1')).map((event) => event.revision)).toEqual([1]);
  });

  it('refuses caps that are not positive numbers', async () => {
    const store = open();

    await expect(store.setStreamMetadata('order-1', { maxCount: 0 })).rejects.toThrow(RangeError);
    await expect(store.setStreamMetadata('order-1', { maxCount: 1.5 })).rejects.toThrow(RangeError);
  });

  it('pages through a log larger than one page, for reads and for catch-up', async () => {
    const store = open();
    for (let batch = 0; batch < 25; batch++) {
      await store.append(`order-${batch}`, Array.from({ length: 100 }, () => newEvent()), 'no-stream');
    }

    const read = await allPositions(store);
    const caughtUp: number[] = [];
    const subscription = store.subscribeToAll({ after: 0 });
    for await (const event of subscription) {
      caughtUp.push(event.position);
      if (caughtUp.length === 2500) break;
    }

    const expected = Array.from({ length: 2500 }, (_, index) => index + 1);
    expect(read).toEqual(expected);
    expect(caughtUp).toEqual(expected);
  });

  it('delivers appends made through another connection to a live subscription by polling', async () => {
    const [subscriber, writer] = [open(20), open(20)];
    const subscription = subscriber.subscribeToAll({ filter: { categories: ['order'] } });
    const next = subscription[Symbol.asyncIterator]().next();

    await writer.append('order-1', [newEvent()], 'no-stream');

    const result = await next;
    await subscription.close();
    expect((result.value as RecordedEvent).streamId).toBe('order-1');
  });

  it('delivers its own appends to live subscribers without waiting for the poll', async () => {
    const store = createSqliteEventStore({ file, pollIntervalMs: 60_000 });
    stores.push(store);
    const subscription = store.subscribeToAll();
    const next = subscription[Symbol.asyncIterator]().next();

    const started = Date.now();
    await store.append('order-1', [newEvent()], 'no-stream');
    await next;
    await subscription.close();

    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('keeps its tables apart from the read models that share the file', async () => {
    open();

    const db = new Database(file, { readonly: true });
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    db.close();

    expect(tables.map((table) => table.name).every((name) => name.startsWith('es_'))).toBe(true);
  });
});

function newEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'OrderPlaced',
    data: { at: Date.now() },
    metadata: {
      tenantId: 'tenant-1',
      actor: 'user:ada',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
}
