/**
 * `npm run bench:eventstore`: the embedded SQLite event store (synchronous=FULL, file in a temp
 * dir) and the projection runner on top of it, and the same on PostgreSQL side by side in the same
 * run when POSTGRES_URL (or POSTGRES_TEST_URL) names a server. Prints a table and writes
 * bench/results/eventstore.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { EventStore, NewEvent } from '../platform/eventstore/port';
import { createPostgresEventStore } from '../platform/eventstore/postgres';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';
import { NO_UPCASTERS } from '../platform/eventstore/upcasting';
import { machineInfo, sized, writeBenchResult } from './bench-results';
import { createPostgresReadStore } from '../platform/readstore/postgres';
import type { ReadStore } from '../platform/readstore/port';
import { createSqliteReadStore } from '../platform/readstore/sqlite';
import type { Projection } from '../projections/projection';
import { ProjectionRunner } from '../projections/runner';

interface Measurement {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: string;
  readonly met?: boolean;
}

const SINGLE_APPENDS = sized(20_000, 200);
const CONCURRENT_APPENDERS = sized(200, 20);
const SEQUENTIAL_APPENDS = sized(1_000, 20);
const BATCHES = sized(600, 8);
const BATCH_SIZE = 100;
const BATCH_WRITERS = 4;
const READ_ALL_AT_LEAST = sized(250_000, 5_000);
const LAG_RATE_PER_SECOND = 1_000;
const LAG_SECONDS = sized(10, 1);

function event(i: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'BenchEventRecorded',
    data: { i, payload: 'x'.repeat(64) },
    metadata: { tenantId: 'bench', actor: 'bench', correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1 },
  };
}

/** Events are built before the clock starts: the figures are the store's, not the fixture's. */
function events(count: number): NewEvent[] {
  return Array.from({ length: count }, (_, i) => event(i));
}

/**
 * `writers` appenders at once, each awaiting its own appends to its own stream (single events or
 * batches), until `appends` appends are done: what a busy API does. Returns appends per second.
 */
async function appendsPerSecond(store: EventStore, options: { name: string; writers: number; appends: number; eventsPerAppend: number }): Promise<number> {
  const payloads = Array.from({ length: options.appends }, () => events(options.eventsPerAppend));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.writers }, async (_, writer) => {
      let revision: number | 'no-stream' = 'no-stream';
      while (next < options.appends) {
        const payload = payloads[next++];
        revision = (await store.append(`bench-${options.name}${writer}`, payload, revision)).nextExpectedRevision;
      }
    }),
  );
  return options.appends / ((performance.now() - started) / 1000);
}

async function fillTo(store: EventStore, count: number): Promise<void> {
  let head = await store.headPosition();
  let stream = 0;
  while (head < count) {
    const appends = Array.from({ length: 10 }, () => store.append(`bench-fill-${stream++}`, Array.from({ length: 500 }, (_, i) => event(i)), 'no-stream'));
    head = Math.max(...(await Promise.all(appends)).map((result) => result.position));
  }
}

async function readAll(store: EventStore): Promise<{ eventsPerSecond: number; events: number }> {
  const started = performance.now();
  let events = 0;
  for await (const recorded of store.readAll()) if (recorded.position > 0) events++;
  return { eventsPerSecond: events / ((performance.now() - started) / 1000), events };
}

/** A typical read model: one document per event (indexed and full-text searchable) plus a running counter read and rewritten each time. */
const benchProjection: Projection = {
  name: 'bench-events',
  collections: [
    { name: 'bench_events', indexes: ['stream', 'i'], textFields: ['type'] },
    { name: 'bench_totals', indexes: [] },
  ],
  filter: { categories: ['lag'] },
  async handle(recorded, context) {
    context.upsert('bench_events', { id: recorded.id, stream: recorded.streamId, i: (recorded.data as { i: number }).i, type: recorded.type });
    const totals = (await context.get<{ id: string; count: number }>('bench_totals', 'all')) ?? { id: 'all', count: 0 };
    context.upsert('bench_totals', { id: 'all', count: totals.count + 1 });
  },
};

/** Appends at a steady rate and times each event from the append call until the projection's commit of it is visible. */
async function appendToProjectionLag(eventStore: EventStore, readStore: ReadStore): Promise<{ p50: number; p99: number; max: number; events: number; achievedRate: number }> {
  const logger = { info: () => undefined, error: (obj: object, msg: string) => console.error(msg, obj) };
  const runner = new ProjectionRunner({ eventStore, readStore, projections: [benchProjection], upcasters: NO_UPCASTERS, logger });
  await runner.start();
  await runner.waitFor(await eventStore.headPosition(), 60_000);

  const lags: number[] = [];
  const inFlight: Promise<void>[] = [];
  const total = LAG_RATE_PER_SECOND * LAG_SECONDS;
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * LAG_RATE_PER_SECOND));
    for (; sent < due; sent++) {
      const appendedAt = performance.now();
      inFlight.push(
        eventStore
          .append(`lag-${sent}`, [event(sent)], 'no-stream')
          .then(({ position }) => runner.waitFor(position, 5_000))
          .then(() => {
            lags.push(performance.now() - appendedAt);
          }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const achievedRate = total / ((performance.now() - started) / 1000);
  await runner.stop();

  lags.sort((a, b) => a - b);
  const percentile = (p: number) => lags[Math.min(lags.length - 1, Math.ceil((p / 100) * lags.length) - 1)];
  return { p50: percentile(50), p99: percentile(99), max: lags[lags.length - 1], events: lags.length, achievedRate };
}

interface Stores {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  dispose(): Promise<void>;
}

/** An engine under test: each `open` gives empty stores of their own (a new file, or a new PostgreSQL schema). */
interface Engine {
  readonly name: string;
  readonly settings: Record<string, unknown>;
  open(): Promise<Stores>;
}

function sqliteEngine(dir: string): Engine {
  let files = 0;
  return {
    name: 'sqlite',
    settings: { synchronous: 'FULL', tempDir: tmpdir() },
    async open() {
      const file = join(dir, `log-${files++}.sqlite`);
      const eventStore = createSqliteEventStore({ file, synchronous: 'FULL' });
      const readStore = createSqliteReadStore({ file });
      return {
        eventStore,
        readStore,
        dispose: async () => {
          await readStore.close();
          await eventStore.close();
        },
      };
    },
  };
}

function postgresEngine(connectionString: string): Engine {
  return {
    name: 'postgres',
    settings: { server: new URL(connectionString).host, synchronousCommit: 'server default' },
    async open() {
      const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const eventStore = createPostgresEventStore({ connectionString, schema });
      const readStore = createPostgresReadStore({ connectionString, schema });
      return {
        eventStore,
        readStore,
        dispose: async () => {
          await readStore.close();
          await eventStore.close();
          const admin = new Client({ connectionString });
          await admin.connect();
          await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await admin.end();
        },
      };
    },
  };
}

async function measure(engine: Engine): Promise<Measurement[]> {
  const appends = await engine.open();
  const store = appends.eventStore;
  const concurrent = await appendsPerSecond(store, { name: 'single', writers: CONCURRENT_APPENDERS, appends: SINGLE_APPENDS, eventsPerAppend: 1 });
  // One writer awaiting each append: every append waits for its own fsync.
  const sequential = await appendsPerSecond(store, { name: 'sequential', writers: 1, appends: SEQUENTIAL_APPENDS, eventsPerAppend: 1 });
  const batched = BATCH_SIZE * (await appendsPerSecond(store, { name: 'batched', writers: 1, appends: BATCHES, eventsPerAppend: BATCH_SIZE }));
  const batchedConcurrent = BATCH_SIZE * (await appendsPerSecond(store, { name: 'batched-concurrent', writers: BATCH_WRITERS, appends: BATCHES, eventsPerAppend: BATCH_SIZE }));
  await fillTo(store, READ_ALL_AT_LEAST);
  const read = await readAll(store);
  await appends.dispose();
  const lagStores = await engine.open();
  const lag = await appendToProjectionLag(lagStores.eventStore, lagStores.readStore);
  await lagStores.dispose();

  const round = (value: number) => Math.round(value);
  const ms = (value: number) => Math.round(value * 100) / 100;
  return [
    { metric: `single-event appends, ${CONCURRENT_APPENDERS} concurrent writers`, value: round(concurrent), unit: 'appends/s', target: '>= 5000', met: concurrent >= 5_000 },
    { metric: 'single-event appends, one writer awaiting each', value: round(sequential), unit: 'appends/s' },
    { metric: `batched appends (${BATCH_SIZE} events each), one writer awaiting each`, value: round(batched), unit: 'events/s', target: '>= 50000', met: batched >= 50_000 },
    { metric: `batched appends (${BATCH_SIZE} events each), ${BATCH_WRITERS} concurrent writers`, value: round(batchedConcurrent), unit: 'events/s', target: '>= 50000', met: batchedConcurrent >= 50_000 },
    { metric: `read all (${read.events} events)`, value: round(read.eventsPerSecond), unit: 'events/s', target: '>= 200000', met: read.eventsPerSecond >= 200_000 },
    { metric: `append-to-projection lag p50 at ${LAG_RATE_PER_SECOND} events/s (achieved ${round(lag.achievedRate)})`, value: ms(lag.p50), unit: 'ms' },
    { metric: `append-to-projection lag p99 at ${LAG_RATE_PER_SECOND} events/s`, value: ms(lag.p99), unit: 'ms', target: '<= 50', met: lag.p99 <= 50 },
    { metric: 'append-to-projection lag max', value: ms(lag.max), unit: 'ms' },
  ];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'goliath-bench-'));
  // PostgreSQL side by side when a server is named (each run in a schema of its own, dropped after).
  const postgresUrl = process.env.POSTGRES_URL || process.env.POSTGRES_TEST_URL;
  const engines = [sqliteEngine(dir), ...(postgresUrl ? [postgresEngine(postgresUrl)] : [])];
  try {
    const results: Record<string, Measurement[]> = {};
    for (const engine of engines) results[engine.name] = await measure(engine);
    const [first] = engines;
    console.table(
      results[first.name].map((measurement, index) => ({
        metric: measurement.metric,
        unit: measurement.unit,
        ...Object.fromEntries(engines.map((engine) => [engine.name, results[engine.name][index].value])),
        ...(results.postgres && { 'postgres / sqlite': Math.round((results.postgres[index].value / measurement.value) * 100) / 100 }),
        target: measurement.target ?? '',
        ...Object.fromEntries(engines.filter(() => measurement.target).map((engine) => [`met (${engine.name})`, results[engine.name][index].met])),
      })),
    );
    if (!postgresUrl) console.log('PostgreSQL not measured: set POSTGRES_URL (a database the bench may create schemas in) to run it side by side.');

    const written = writeBenchResult('eventstore', {
      machine: machineInfo(),
      settings: {
        engines: Object.fromEntries(engines.map((engine) => [engine.name, engine.settings])),
        concurrentWriters: CONCURRENT_APPENDERS,
        batchSize: BATCH_SIZE,
        batchWriters: BATCH_WRITERS,
        lagRatePerSecond: LAG_RATE_PER_SECOND,
        lagSeconds: LAG_SECONDS,
      },
      measurements: results,
    });
    console.log(`wrote ${written}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
