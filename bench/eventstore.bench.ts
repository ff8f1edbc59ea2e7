/**
 * `npm run bench:eventstore`: the embedded SQLite event store (synchronous=FULL, file in a temp
 * dir) and the projection runner on top of it. Prints a table and writes
 * bench/results/eventstore.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventStore, NewEvent } from '../platform/eventstore/port';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';
import { NO_UPCASTERS } from '../platform/eventstore/upcasting';
import { machineInfo, sized, writeBenchResult } from './bench-results';
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
async function appendToProjectionLag(file: string): Promise<{ p50: number; p99: number; max: number; events: number; achievedRate: number }> {
  const eventStore = createSqliteEventStore({ file, synchronous: 'FULL' });
  const readStore = createSqliteReadStore({ file });
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
  await readStore.close();
  await eventStore.close();

  lags.sort((a, b) => a - b);
  const percentile = (p: number) => lags[Math.min(lags.length - 1, Math.ceil((p / 100) * lags.length) - 1)];
  return { p50: percentile(50), p99: percentile(99), max: lags[lags.length - 1], events: lags.length, achievedRate };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'goliath-bench-'));
  try {
    const store = createSqliteEventStore({ file: join(dir, 'log.sqlite'), synchronous: 'FULL' });
    const concurrent = await appendsPerSecond(store, { name: 'single', writers: CONCURRENT_APPENDERS, appends: SINGLE_APPENDS, eventsPerAppend: 1 });
    // One writer awaiting each append: every append waits for its own fsync.
    const sequential = await appendsPerSecond(store, { name: 'sequential', writers: 1, appends: SEQUENTIAL_APPENDS, eventsPerAppend: 1 });
    const batched = BATCH_SIZE * (await appendsPerSecond(store, { name: 'batched', writers: 1, appends: BATCHES, eventsPerAppend: BATCH_SIZE }));
    const batchedConcurrent = BATCH_SIZE * (await appendsPerSecond(store, { name: 'batched-concurrent', writers: BATCH_WRITERS, appends: BATCHES, eventsPerAppend: BATCH_SIZE }));
    await fillTo(store, READ_ALL_AT_LEAST);
    const read = await readAll(store);
    await store.close();
    const lag = await appendToProjectionLag(join(dir, 'lag.sqlite'));

    const round = (value: number) => Math.round(value);
    const ms = (value: number) => Math.round(value * 100) / 100;
    const measurements: Measurement[] = [
      { metric: `single-event appends, ${CONCURRENT_APPENDERS} concurrent writers`, value: round(concurrent), unit: 'appends/s', target: '>= 5000', met: concurrent >= 5_000 },
      { metric: 'single-event appends, one writer awaiting each', value: round(sequential), unit: 'appends/s' },
      { metric: `batched appends (${BATCH_SIZE} events each), one writer awaiting each`, value: round(batched), unit: 'events/s', target: '>= 50000', met: batched >= 50_000 },
      { metric: `batched appends (${BATCH_SIZE} events each), ${BATCH_WRITERS} concurrent writers`, value: round(batchedConcurrent), unit: 'events/s', target: '>= 50000', met: batchedConcurrent >= 50_000 },
      { metric: `read all (${read.events} events)`, value: round(read.eventsPerSecond), unit: 'events/s', target: '>= 200000', met: read.eventsPerSecond >= 200_000 },
      { metric: `append-to-projection lag p50 at ${round(lag.achievedRate)} events/s`, value: ms(lag.p50), unit: 'ms' },
      { metric: `append-to-projection lag p99 at ${round(lag.achievedRate)} events/s`, value: ms(lag.p99), unit: 'ms', target: '<= 50', met: lag.p99 <= 50 },
      { metric: 'append-to-projection lag max', value: ms(lag.max), unit: 'ms' },
    ];
    console.table(measurements);

    const written = writeBenchResult('eventstore', {
      machine: machineInfo(),
      settings: { store: 'sqlite', synchronous: 'FULL', tempDir: tmpdir(), concurrentWriters: CONCURRENT_APPENDERS, batchSize: BATCH_SIZE, batchWriters: BATCH_WRITERS, lagRatePerSecond: LAG_RATE_PER_SECOND, lagSeconds: LAG_SECONDS, lagEvents: lag.events },
      measurements,
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
