import { randomInt, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dropTestSchema, postgresTestUrl, uniqueSchema } from '../../../test/support/postgres-test-database';
import { eventually } from '../../../test/support/eventually';
import type { AppendResult, EventStore, NewEvent, RecordedEvent } from '../port';
import { createPostgresEventStore } from './index';

const url = postgresTestUrl;
const describeWithPostgres = url ? describe : describe.skip;

/**
 * The classic pitfall of sequence-numbered logs: transaction A takes position 10, B takes 11 and
 * commits first, and a reader that reads 11 and moves its checkpoint past 10 never sees A's event.
 * Here A is really held open between taking its position and committing, while writers on other
 * connections append and a live subscription reads.
 */
describeWithPostgres('PostgreSQL event store: positions in commit order', () => {
  const schema = uniqueSchema('es_commit_order');
  const stores: EventStore[] = [];
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ connectionString: url });
    await admin.connect();
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  afterAll(async () => {
    await admin.end();
    await dropTestSchema(schema);
  });

  function open(): EventStore {
    const store = createPostgresEventStore({ connectionString: url!, schema });
    stores.push(store);
    return store;
  }

  it('never lets a reader skip an event whose transaction took its position first and commits last', async () => {
    const [held, reader, ...writers] = [open(), open(), open(), open(), open()];
    const [start] = await Promise.all([reader, held, ...writers].map((store) => store.headPosition()));
    const gate = await holdAppendsOf('HeldOpen');
    const received = collect(reader, start);

    const heldAppend = held.append(`order-${randomUUID()}`, [newEvent('HeldOpen')], 'no-stream');
    await eventually(async () => expect(await backendsWaitingOnLocks()).toBe(1));
    let othersSettled = false;
    const others = Array.from({ length: 30 }, (_, index) =>
      writers[index % writers.length]!.append(`order-${randomUUID()}`, [newEvent('Other')], 'no-stream'),
    );
    void Promise.allSettled(others).then(() => (othersSettled = true));
    // Until the other writers have committed or are waiting: a log numbered by a sequence commits them now, ahead of the held one.
    await eventually(async () => expect(othersSettled || (await backendsWaitingOnLocks()) === 1 + writers.length).toBe(true));
    const visibleWhileHeld = await readAll(reader, start);
    await admin.query('SELECT pg_advisory_unlock($1)', [gate]);
    const results: AppendResult[] = await Promise.all([heldAppend, ...others]);
    const committed = results.map((result) => result.position).sort((a, b) => a - b);
    await eventually(() => expect(received.events.at(-1)?.position).toBe(committed.at(-1)));
    await received.stop();

    // While the held transaction is open a reader sees nothing after it, then everything in order.
    expect(visibleWhileHeld).toEqual([]);
    expect(received.events.map((event) => event.position)).toEqual(committed);
    expect(committed).toEqual(Array.from({ length: 31 }, (_, index) => start + 1 + index));
    expect(received.events[0]!.type).toBe('HeldOpen');
  });

  it('delivers every event of many writers on several connections, in position order, none skipped', async () => {
    const [reader, ...writers] = [open(), open(), open(), open(), open()];
    const start = await reader.headPosition();
    const received = collect(reader, start);

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        writers[index % writers.length]!.append(`order-${randomUUID()}`, Array.from({ length: 1 + (index % 3) }, () => newEvent('Placed')), 'no-stream'),
      ),
    );
    const total = results.reduce((sum, result) => sum + result.nextExpectedRevision + 1, 0);
    await eventually(() => expect(received.events).toHaveLength(total));
    await received.stop();

    expect(received.events.map((event) => event.position)).toEqual(Array.from({ length: total }, (_, index) => start + 1 + index));
  });

  /**
   * Makes every append of an event of this type wait inside its transaction (position taken, rows
   * inserted, not committed) until the test unlocks the returned advisory lock.
   */
  async function holdAppendsOf(type: string): Promise<number> {
    const gate = randomInt(1, 2 ** 31);
    await admin.query(`
      CREATE OR REPLACE FUNCTION "${schema}".hold_until_released() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM inserted WHERE type = '${type}') THEN PERFORM pg_advisory_xact_lock_shared(${gate}::bigint); END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER hold_until_released AFTER INSERT ON "${schema}".es_events
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".hold_until_released();
    `);
    await admin.query('SELECT pg_advisory_lock($1::bigint)', [gate]);
    return gate;
  }

  async function backendsWaitingOnLocks(): Promise<number> {
    const { rows } = await admin.query<{ count: string }>(
      `SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
      [`goliath-eventstore ${schema}`],
    );
    return Number(rows[0]!.count);
  }
});

/** A live subscription from `after`, collecting in the background. */
function collect(store: EventStore, after: number): { events: RecordedEvent[]; stop(): Promise<void> } {
  const events: RecordedEvent[] = [];
  const subscription = store.subscribeToAll({ after });
  const consuming = (async () => {
    for await (const event of subscription) events.push(event);
  })();
  return {
    events,
    stop: async () => {
      await subscription.close();
      await consuming;
    },
  };
}

async function readAll(store: EventStore, after: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll({ after })) events.push(event);
  return events;
}

function newEvent(type: string): NewEvent {
  return {
    id: randomUUID(),
    type,
    data: {},
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
