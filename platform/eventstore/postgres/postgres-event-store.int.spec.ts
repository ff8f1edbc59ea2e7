import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dropTestSchema, postgresTestUrl, uniqueSchema } from '../../../test/support/postgres-test-database';
import { eventually } from '../../../test/support/eventually';
import { EventIdConflictError } from '../event-id-conflict-error';
import { WrongExpectedRevisionError, type EventMetadata, type EventStore, type NewEvent, type RecordedEvent } from '../port';
import { createPostgresEventStore, PostgresConnectionError } from './index';

const url = postgresTestUrl;
const describeWithPostgres = url ? describe : describe.skip;

/** What the PostgreSQL adapter promises beyond the shared contract (the commit-order pitfall is in commit-order.int.spec.ts). */
describeWithPostgres('PostgreSQL event store', () => {
  const stores: EventStore[] = [];
  let schema: string;
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ connectionString: url });
    await admin.connect();
  });

  beforeEach(() => {
    // A schema per test: positions start at 1 in each.
    schema = uniqueSchema('es_adapter');
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await dropTestSchema(schema);
  });

  afterAll(async () => {
    await admin.end();
  });

  function open(pollIntervalMs = 60_000): EventStore {
    const store = createPostgresEventStore({ connectionString: url!, schema, pollIntervalMs });
    stores.push(store);
    return store;
  }

  async function allPositions(store: EventStore): Promise<number[]> {
    const positions: number[] = [];
    for await (const event of store.readAll()) positions.push(event.position);
    return positions;
  }

  async function nextOf(store: EventStore, filter?: { categories: string[] }): Promise<{ next: Promise<RecordedEvent>; close(): Promise<void> }> {
    const subscription = store.subscribeToAll({ after: await store.headPosition(), filter });
    const next = subscription[Symbol.asyncIterator]().next().then((result) => result.value as RecordedEvent);
    return { next, close: () => subscription.close() };
  }

  describe('the global log', () => {
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

    it('keeps positions contiguous when several stores write to one schema at once', async () => {
      const writers = [open(), open(), open()];

      await Promise.all(Array.from({ length: 60 }, (_, index) => writers[index % 3]!.append(`order-${index}`, [newEvent()], 'no-stream')));

      expect(await allPositions(writers[0]!)).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
    });

    it('pages through a log larger than one page, for reads and for catch-up', async () => {
      const store = open();
      for (let batch = 0; batch < 25; batch++) {
        await store.append(`order-${batch}`, Array.from({ length: 100 }, () => newEvent()), 'no-stream');
      }

      const read = await allPositions(store);
      const caughtUp: number[] = [];
      for await (const event of store.subscribeToAll({ after: 0 })) {
        caughtUp.push(event.position);
        if (caughtUp.length === 2500) break;
      }

      const expected = Array.from({ length: 2500 }, (_, index) => index + 1);
      expect(read).toEqual(expected);
      expect(caughtUp).toEqual(expected);
    });

    it('keeps its tables in its own schema, created when missing', async () => {
      await open().headPosition();

      const { rows } = await admin.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema],
      );

      expect(rows.map((row) => row.table_name)).toEqual(['es_events', 'es_stream_metadata']);
    });
  });

  describe('retries', () => {
    it('recognises a retry made with any revision', async () => {
      const store = open();
      const events = [newEvent(), newEvent()];
      const original = await store.append('order-1', events, 'any');

      const retried = await store.append('order-1', events, 'any');

      expect(retried).toEqual(original);
      expect(await store.readStream('order-1')).toHaveLength(2);
    });

    it('recognises a retry made with stream-exists', async () => {
      const store = open();
      await store.append('order-1', [newEvent()], 'no-stream');
      const events = [newEvent()];
      const original = await store.append('order-1', events, 'stream-exists');

      const retried = await store.append('order-1', events, 'stream-exists');

      expect(retried).toEqual(original);
      expect(await store.readStream('order-1')).toHaveLength(2);
    });

    it('recognises a retry at its expected revision after later appends moved the stream on', async () => {
      const store = open();
      await store.append('order-1', [newEvent()], 'no-stream');
      const events = [newEvent(), newEvent()];
      const original = await store.append('order-1', events, 0);
      await store.append('order-1', [newEvent(), newEvent(), newEvent()], original.nextExpectedRevision);

      const retried = await store.append('order-1', events, 0);

      expect(retried).toEqual(original);
      expect(await store.readStream('order-1')).toHaveLength(6);
    });

    it('answers a retry sent in the same group as the original with the same result', async () => {
      const store = open();
      const events = [newEvent()];

      const [original, retried] = await Promise.all([store.append('order-1', events, 'no-stream'), store.append('order-1', events, 'no-stream')]);

      expect(retried).toEqual(original);
      expect(await store.readStream('order-1')).toHaveLength(1);
    });

    it('answers a retry sent through another store (another process) with the original result', async () => {
      const [first, second] = [open(), open()];
      const events = [newEvent(), newEvent()];
      const original = await first.append('order-1', events, 'no-stream');

      const retried = await second.append('order-1', events, 'no-stream');

      expect(retried).toEqual(original);
      expect(await second.readStream('order-1')).toHaveLength(2);
    });

    it('refuses an append that repeats a stored event id followed by different events, storing nothing', async () => {
      const store = open();
      const [a, b] = [newEvent(), newEvent()];
      await store.append('order-1', [a, b], 'no-stream');

      await expect(store.append('order-1', [a, newEvent()], 'no-stream')).rejects.toBeInstanceOf(EventIdConflictError);
      await expect(store.append('order-1', [a, newEvent()], 'any')).rejects.toMatchObject({ eventId: a.id, storedRevision: 0 });
      expect((await store.readStream('order-1')).map((event) => event.id)).toEqual([a.id, b.id]);
    });

    it('treats the same ids in another order as a different append', async () => {
      const store = open();
      const [a, b] = [newEvent(), newEvent()];
      await store.append('order-1', [a, b], 'no-stream');

      await expect(store.append('order-1', [b, a], 'no-stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    });

    it('refuses malformed appends before they reach the log', async () => {
      const store = open();
      const event = newEvent();

      await expect(store.append('order-1', [event, event], 'any')).rejects.toThrow(/appears twice/);
      await expect(store.append('order-1', [newEvent()], -1)).rejects.toThrow(RangeError);
      await expect(store.append('', [newEvent()], 'any')).rejects.toThrow(TypeError);
      expect(await store.headPosition()).toBe(0);
    });
  });

  describe('events and streams', () => {
    it('round-trips every metadata field, the optional ones too, and data exactly as written', async () => {
      const store = open();
      const metadata: EventMetadata = {
        tenantId: 'tenant-1',
        actor: 'user:ada',
        correlationId: randomUUID(),
        causationId: randomUUID(),
        occurredAt: '2026-11-26T10:15:30.123Z',
        schemaVersion: 3,
        chainedFrom: 41,
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        tracestate: 'goliath=1',
      };
      const data = { z: 1, a: [1.5, 1e21, null, true], nested: { 'é': 'naïve ✓', nul: 'a\u0000b' }, big: 9007199254740991 };

      await store.append('order-1', [{ id: randomUUID(), type: 'OrderPlaced', data, metadata }], 'no-stream');
      const [stored] = await store.readStream('order-1');
      const { rows } = await admin.query<{ data: string }>(`SELECT data::text FROM "${schema}".es_events`);

      expect(stored!.metadata).toEqual(metadata);
      expect(stored!.data).toEqual(data);
      expect(rows[0]!.data).toBe(JSON.stringify(data));
    });

    it('hides events older than maxAgeSeconds when reading the stream, keeping them in the log', async () => {
      const store = open();
      await store.append('order-1', [newEvent(), newEvent()], 'no-stream');
      await admin.query(`UPDATE "${schema}".es_events SET recorded_at = now() - interval '1 hour' WHERE revision = 0`);

      await store.setStreamMetadata('order-1', { maxAgeSeconds: 60 });

      expect((await store.readStream('order-1')).map((event) => event.revision)).toEqual([1]);
      expect(await allPositions(store)).toEqual([1, 2]);
    });

    it('refuses caps that are not positive numbers', async () => {
      const store = open();

      await expect(store.setStreamMetadata('order-1', { maxCount: 0 })).rejects.toThrow(RangeError);
      await expect(store.setStreamMetadata('order-1', { maxCount: 1.5 })).rejects.toThrow(RangeError);
      await expect(store.setStreamMetadata('order-1', { maxAgeSeconds: -1 })).rejects.toThrow(RangeError);
    });
  });

  describe('live subscriptions', () => {
    it('delivers appends made through another store by NOTIFY, without waiting for the poll', async () => {
      const [subscriber, writer] = [open(60_000), open(60_000)];
      const subscription = await nextOf(subscriber, { categories: ['order'] });

      await writer.append('order-1', [newEvent()], 'no-stream');

      // The poll is a minute away: only a notification can deliver it within the test's timeout.
      expect((await subscription.next).streamId).toBe('order-1');
      await subscription.close();
    });

    it('listens again when the server drops its LISTEN connection', async () => {
      const [subscriber, writer] = [open(60_000), open(60_000)];
      const subscription = await nextOf(subscriber);
      let listener: number | undefined;
      await eventually(async () => expect((listener = await listeningBackend())).toBeDefined());

      await admin.query('SELECT pg_terminate_backend($1)', [listener]);
      await eventually(async () => expect(await listeningBackend()).not.toBe(listener));
      await eventually(async () => expect(await listeningBackend()).toBeDefined());
      await writer.append('order-1', [newEvent()], 'no-stream');

      expect((await subscription.next).streamId).toBe('order-1');
      await subscription.close();
    });

    async function listeningBackend(): Promise<number | undefined> {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN %'`,
        [`goliath-eventstore ${schema}`],
      );
      return rows[0]?.pid;
    }
  });

  describe('closing', () => {
    it('commits appends already accepted, then refuses further work clearly', async () => {
      const store = createPostgresEventStore({ connectionString: url!, schema });
      const appended = store.append('order-1', [newEvent()], 'no-stream');

      await store.close();

      await expect(appended).resolves.toEqual({ nextExpectedRevision: 0, position: 1 });
      await expect(store.append('order-1', [newEvent()], 0)).rejects.toThrow('The PostgreSQL event store is closed');
      await expect(store.readStream('order-1')).rejects.toThrow('closed');
      expect(() => store.subscribeToAll()).toThrow('closed');
      expect(await open().readStream('order-1')).toHaveLength(1);
    });

    it('ends its connections and its LISTEN connection', async () => {
      const store = createPostgresEventStore({ connectionString: url!, schema });
      const subscription = await nextOf(store);
      await eventually(async () => expect(await connectionsOf(schema)).toBeGreaterThan(0));

      await subscription.close();
      await store.close();

      await eventually(async () => expect(await connectionsOf(schema)).toBe(0));
    });

    async function connectionsOf(name: string): Promise<number> {
      const { rows } = await admin.query<{ count: string }>('SELECT count(*) FROM pg_stat_activity WHERE application_name = $1', [
        `goliath-eventstore ${name}`,
      ]);
      return Number(rows[0]!.count);
    }
  });
});

describe('PostgreSQL event store without a server', () => {
  it('names the server it cannot reach, never the password', async () => {
    const store = createPostgresEventStore({
      connectionString: 'postgres://goliath:s3cret-pw@127.0.0.1:1/goliath',
      pool: { connectionTimeoutMillis: 2000 },
    });

    const failures = await Promise.all([
      store.headPosition().catch((error: unknown) => error),
      store.append('order-1', [newEvent()], 'no-stream').catch((error: unknown) => error),
    ]);
    await store.close();

    for (const failure of failures) {
      expect(failure).toBeInstanceOf(PostgresConnectionError);
      expect((failure as Error).message).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/goliath: /);
      expect(JSON.stringify(failure) + (failure as Error).message + (failure as Error).stack).not.toContain('s3cret-pw');
    }
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
