import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UPCASTER_REGISTRY } from '../app/event-upcasters';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';
import type { EventStore } from '../platform/eventstore/port';
import type { ReadStore } from '../platform/readstore/port';
import { createSqliteReadStore } from '../platform/readstore/sqlite';
import { runnerProjections } from '../projections';
import { ProjectionRunner } from '../projections/runner';
import { runProjections } from './projections-command';
import { capturedIo } from './test-support/captured-io';
import { UsageError } from './usage-error';

/** `goliath projections` in-process on a SQLite store whose projection runner is not running. */
describe('goliath projections', () => {
  let directory: string;
  let env: NodeJS.ProcessEnv;
  let eventStore: EventStore;
  let readStore: ReadStore;
  let parkedId: string;

  const projections = async (...argv: string[]) => {
    const io = capturedIo();
    const code = await runProjections(argv, io, env);
    return { code, out: io.out(), err: io.err() };
  };
  /** Runs the platform's projections until they have folded the log, as `npm start` would, then stops them. */
  const runRunnerOnce = async () => {
    const runner = new ProjectionRunner({ eventStore, readStore, projections: runnerProjections(eventStore), upcasters: UPCASTER_REGISTRY, logger: { info: () => undefined, error: () => undefined } });
    await runner.start();
    await runner.waitFor(await eventStore.headPosition(), 10_000);
    await runner.stop();
  };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'goliath-projections-cli-'));
    env = { SQLITE_FILE: join(directory, 'goliath.db'), SQLITE_SYNCHRONOUS: 'NORMAL' };
    eventStore = createSqliteEventStore({ file: env.SQLITE_FILE!, synchronous: 'NORMAL', pollIntervalMs: 20 });
    readStore = createSqliteReadStore({ file: env.SQLITE_FILE! });
    const metadata = { tenantId: 'acme', actor: 'mallory', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 };
    const { position } = await eventStore.append('tenant-acme', [{ id: randomUUID(), type: 'TenantRenamed', data: null, metadata }], 'no-stream');
    parkedId = `tenants:${position}`;
    await runRunnerOnce();
  }, 30_000);

  afterAll(async () => {
    await readStore.close();
    await eventStore.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('reports the parked event in status (exit 1: degraded) and lists it', async () => {
    const status = await projections('status');
    expect(status.code).toBe(1);
    expect(JSON.parse(status.out)).toMatchObject({ status: 'degraded', reasons: [expect.stringMatching(/^projection tenants has 1 parked event/)] });
    const parked = await projections('parked');
    expect(parked.code).toBe(0);
    expect(JSON.parse(parked.out)).toMatchObject({ id: parkedId, projection: 'tenants', tenantId: 'acme', eventType: 'TenantRenamed', status: 'parked' });
  });

  it('records a retry while no runner runs, and says the runner will act on it when it starts', async () => {
    const retry = await projections('retry', parkedId, '--wait-ms', '100');
    expect(retry.code).toBe(0);
    const answer = JSON.parse(retry.out) as { applied: boolean; position: number; note: string; record: { attempts: number } };
    expect(answer).toMatchObject({ id: parkedId, requested: 'retry', applied: false, record: { status: 'parked', attempts: 1 } });
    expect(answer.note).toMatch(/acts on it when tenants reaches that position/);
    const [request] = await eventStore.readStream('deadletter-tenants');
    expect(request).toMatchObject({ type: 'ParkedEventRetryRequested', data: { projection: 'tenants', position: Number(parkedId.split(':')[1]) }, metadata: { tenantId: 'acme', actor: expect.stringMatching(/^goliath-cli:/) } });

    // when the runner next runs, it retries (the event still cannot be folded: a second attempt)
    await runRunnerOnce();
    expect(JSON.parse((await projections('parked')).out)).toMatchObject({ id: parkedId, status: 'parked', attempts: 2 });
  });

  it.each([
    [['frobnicate'], 'unknown action "frobnicate": one of status, parked, retry, skip'],
    [['retry'], "projections retry needs the parked event's ID (see projections parked)"],
    [['skip', 'tenants:1'], '--reason is required: say why the event is skipped'],
    [['status', 'extra'], 'unexpected argument extra'],
    [['parked', '--projection', 'nope'], /^there is no projection nope; the projections are tenants, /],
    [['retry', 'tenants:999999'], 'Parked event tenants:999999 does not exist (ids are <projection>:<position>, as parkedEvents lists them).'],
  ])('refuses %j as bad usage', async (argv, message) => {
    await expect(projections(...argv)).rejects.toThrow(UsageError);
    await expect(projections(...argv)).rejects.toThrow(message);
  });

  it('refuses a store that does not exist instead of creating one', async () => {
    const io = capturedIo();
    await expect(runProjections(['status'], io, { SQLITE_FILE: join(directory, 'missing.db') })).rejects.toThrow(/no store at .*missing\.db/);
  });
});
