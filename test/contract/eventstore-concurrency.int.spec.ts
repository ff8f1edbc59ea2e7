import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStoreDbStore } from '../../platform/eventstore/eventstoredb';
import { WrongExpectedRevisionError, type EventStore, type ExpectedRevision, type NewEvent } from '../../platform/eventstore/port';
import { createPostgresEventStore } from '../../platform/eventstore/postgres';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import { dropTestSchema, postgresTestUrl, uniqueSchema } from '../support/postgres-test-database';

interface Writers {
  /** The store each of the 50 writers uses (one or several connections to the same log). */
  readonly storeFor: (writer: number) => EventStore;
  close(): Promise<void>;
}

const setups: Array<[string, () => Writers]> = [
  ['SQLite, one connection', () => sqliteWriters(1)],
  ['SQLite, two connections to one file', () => sqliteWriters(2)],
];
if (process.env.EVENTSTORE_URL) setups.push(['EventStoreDB', eventStoreDbWriters]);
if (postgresTestUrl) setups.push(['PostgreSQL, one store', () => postgresWriters(1)], ['PostgreSQL, two stores on one schema', () => postgresWriters(2)]);

/** Optimistic concurrency under contention: of 50 writers holding the same revision, exactly one wins. */
describe.each(setups)('concurrent appends with one expected revision (%s)', (_name, makeWriters) => {
  let writers: Writers;

  beforeEach(() => {
    writers = makeWriters();
  });

  afterEach(async () => {
    await writers.close();
  });

  it.each<[string, ExpectedRevision, number]>([
    ['an existing stream at revision 0', 0, 1],
    ['a stream that does not exist yet', 'no-stream', 0],
  ])('lets exactly one of 50 appends to %s succeed', async (_case, expected, existingEvents) => {
    const streamId = `contended-${randomUUID()}`;
    if (existingEvents > 0) await writers.storeFor(0).append(streamId, [newEvent(-1)], 'no-stream');

    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, writer) => writers.storeFor(writer).append(streamId, [newEvent(writer)], expected)),
    );

    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const conflicts = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    expect(conflicts.every((error) => error instanceof WrongExpectedRevisionError)).toBe(true);
    expect(conflicts.map((error) => (error as WrongExpectedRevisionError).actual)).toEqual(Array(49).fill(existingEvents));
    expect(await writers.storeFor(0).readStream(streamId)).toHaveLength(existingEvents + 1);
  });
});

function sqliteWriters(connections: number): Writers {
  const directory = mkdtempSync(join(tmpdir(), 'goliath-concurrency-'));
  const stores = Array.from({ length: connections }, () => createSqliteEventStore({ file: join(directory, 'goliath.sqlite') }));
  return {
    storeFor: (writer) => stores[writer % stores.length]!,
    close: async () => {
      await Promise.all(stores.map((store) => store.close()));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function postgresWriters(stores: number): Writers {
  const schema = uniqueSchema('es_concurrency');
  const opened = Array.from({ length: stores }, () => createPostgresEventStore({ connectionString: postgresTestUrl!, schema }));
  return {
    storeFor: (writer) => opened[writer % opened.length]!,
    close: async () => {
      await Promise.all(opened.map((store) => store.close()));
      await dropTestSchema(schema);
    },
  };
}

function eventStoreDbWriters(): Writers {
  const store = createEventStoreDbStore({ connectionString: process.env.EVENTSTORE_URL! });
  return { storeFor: () => store, close: () => store.close() };
}

function newEvent(writer: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'ContendedAppend',
    data: { writer },
    metadata: {
      tenantId: 'tenant-1',
      actor: `writer-${writer}`,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
}
