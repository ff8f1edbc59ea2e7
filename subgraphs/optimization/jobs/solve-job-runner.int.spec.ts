import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UPCASTER_REGISTRY } from '../../../app/event-upcasters';
import { auditedAction } from '../../../platform/audit/change-audited';
import { executeCommand, recordFacts } from '../../../platform/commands/execute-command';
import { servicePrincipal } from '../../../platform/commands/service-principal';
import { loadConfig } from '../../../platform/config';
import type { EventStore, RecordedEvent } from '../../../platform/eventstore/port';
import { createSqliteEventStore } from '../../../platform/eventstore/sqlite';
import type { ReadStore } from '../../../platform/readstore/port';
import { createSqliteReadStore } from '../../../platform/readstore/sqlite';
import { createLogger } from '../../../platform/logging';
import { eventSchemaVersion, solveJobStreamId, tenantCapacityStreamId, type SolveJobRequest, type TenantCapacityChanged } from '../../../schema/events';
import { solveJobs } from '../domain/command-handlers';
import { OPTIMIZATION_PERMISSIONS, SOLVE_JOB_RUNNER } from '../graphql/permissions';
import { eventually } from '../../../test/support/eventually';
import { SolveJobRunner } from './solve-job-runner';

jest.setTimeout(30_000);

/** A small dense QUBO: any time limit is spent solving it. */
const qubo = {
  variables: ['a', 'b', 'c', 'd'],
  linear: [{ variable: 'a', coefficient: -1 }, { variable: 'c', coefficient: -2 }],
  quadratic: [{ u: 'a', v: 'b', coefficient: 2 }, { u: 'c', v: 'd', coefficient: 1 }],
  offset: 0,
  sense: 'MINIMIZE' as const,
};
const request = (timeLimitMs: number): SolveJobRequest => ({ problemId: null, qubo, constraints: [], strategy: 'SA', timeLimitMs, seed: 1, numSamples: 1, algorithm: null });

describe('SolveJobRunner (real SQLite event store, worker threads)', () => {
  let dir: string;
  let file: string;
  const stores: EventStore[] = [];
  let readStore: ReadStore | undefined;
  const runners: SolveJobRunner[] = [];
  let jobCounter = 0;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'goliath-runner-'));
    file = join(dir, 'goliath.db');
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await readStore?.close();
    readStore = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** A store of its own on the shared file: what another process (a replica) would have. */
  function openStore(): EventStore {
    const store = createSqliteEventStore({ file, synchronous: 'NORMAL', pollIntervalMs: 10 });
    stores.push(store);
    return store;
  }

  function deps(eventStore: EventStore, settings: Record<string, string> = {}) {
    const config = loadConfig({ DATA_DIR: dir, SOLVER_WORKERS: '1', SOLVE_JOB_LEASE_MS: '600', ...settings });
    // The jobs here run no marketplace algorithm, so the runner never reads this (empty) read store.
    readStore ??= createSqliteReadStore({ file: join(dir, 'read.db') });
    return { eventStore, readStore, upcasters: UPCASTER_REGISTRY, config, logger: createLogger('runner-test', 'silent'), clock: () => new Date(), waitForReadModels: async () => undefined };
  }

  async function startRunner(eventStore: EventStore, settings: Record<string, string> = {}): Promise<SolveJobRunner> {
    const runner = new SolveJobRunner(deps(eventStore, settings), servicePrincipal(SOLVE_JOB_RUNNER, 'optimization', OPTIMIZATION_PERMISSIONS));
    runners.push(runner);
    await runner.start();
    return runner;
  }

  async function submit(eventStore: EventStore, tenantId: string, timeLimitMs: number): Promise<string> {
    const jobId = `job-${++jobCounter}`;
    const caller = { actor: 'ada', correlationId: jobId, causationId: jobId, audit: auditedAction('optimization.submitSolveJob') };
    await executeCommand(deps(eventStore), caller, solveJobs, { type: 'SubmitSolveJob', jobId, tenantId, request: request(timeLimitMs), requestedAt: new Date().toISOString() }, { tenantId });
    return jobId;
  }

  async function events(eventStore: EventStore, jobId: string): Promise<RecordedEvent[]> {
    return eventStore.readStream(solveJobStreamId(jobId));
  }

  async function finished(eventStore: EventStore, jobIds: readonly string[], timeoutMs = 20_000): Promise<void> {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const done = await Promise.all(jobIds.map(async (jobId) => (await events(eventStore, jobId)).some((event) => event.type === 'SolveJobCompleted')));
      if (done.every(Boolean)) return;
    }
    throw new Error(`jobs ${jobIds.join(', ')} did not all complete within ${timeoutMs} ms`);
  }

  const count = (stream: readonly RecordedEvent[], type: string) => stream.filter((event) => event.type === type).length;

  it('runs each job once when two runners share the store', async () => {
    // given two runners in "two processes" on one store, and jobs of two tenants
    const [first, second] = [openStore(), openStore()];
    await startRunner(first);
    await startRunner(second);
    const jobIds = [];
    for (let index = 0; index < 6; index++) jobIds.push(await submit(first, index % 2 ? 'acme' : 'globex', 150));
    // when they have all been solved
    await finished(first, jobIds);
    // then each was started, charged and completed exactly once
    for (const jobId of jobIds) {
      const stream = await events(first, jobId);
      expect([count(stream, 'SolveJobStarted'), count(stream, 'ResourceUsageRecorded'), count(stream, 'SolveJobCompleted')]).toEqual([1, 1, 1]);
    }
  });

  it("gives another tenant's short job a slot while one tenant's long jobs run", async () => {
    // given a runner with two slots and one job per tenant at a time, and tenant A's three long jobs queued first
    const store = openStore();
    const longJobs = [await submit(store, 'A', 2_000), await submit(store, 'A', 2_000), await submit(store, 'A', 2_000)];
    const shortJob = await submit(store, 'B', 100);
    await startRunner(store, { SOLVE_JOBS_CONCURRENCY: '2', SOLVE_JOBS_PER_TENANT: '1' });
    // when B's job is done
    await finished(store, [shortJob], 10_000);
    // then A's first job is still running, and A's other jobs have not started
    const completedOf = async (jobId: string) => count(await events(store, jobId), 'SolveJobCompleted');
    expect(await completedOf(longJobs[0])).toBe(0);
    expect(count(await events(store, longJobs[1]), 'SolveJobStarted')).toBe(0);
  });

  it('releases its lease on a graceful stop, charges nothing for the cut attempt, and the next runner finishes the job at once', async () => {
    const store = openStore();
    const jobId = await submit(store, 'acme', 4_000);
    const runner = await startRunner(store, { SOLVE_JOB_LEASE_MS: '60000' });
    await eventually(async () => expect(count(await events(store, jobId), 'SolveJobStarted')).toBe(1));
    await runner.stop();
    runners.splice(runners.indexOf(runner), 1);
    expect(count(await events(store, jobId), 'SolveJobLeaseReleased')).toBe(1);
    expect(count(await events(store, jobId), 'ResourceUsageRecorded')).toBe(0);
    // when another runner starts (a 60 s lease, released: it need not wait for it)
    await startRunner(store, { SOLVE_JOB_LEASE_MS: '60000' });
    await finished(store, [jobId], 10_000);
    const stream = await events(store, jobId);
    expect([count(stream, 'SolveJobStarted'), count(stream, 'ResourceUsageRecorded'), count(stream, 'SolveJobCompleted')]).toEqual([2, 1, 1]);
    expect(stream.filter((event) => event.type === 'SolveJobProgressed').every((event) => [1, 2].includes((event.data as { attempt: number }).attempt))).toBe(true);
  });

  it('takes over a job whose runner died only once its lease has expired', async () => {
    // given a job claimed by a runner that then died (its lease of 600 ms never renewed)
    const store = openStore();
    const jobId = await submit(store, 'acme', 100);
    const ghost = servicePrincipal(SOLVE_JOB_RUNNER, 'optimization', OPTIMIZATION_PERMISSIONS).caller('runSolveJob', jobId);
    const claimedAt = Date.now();
    await executeCommand(deps(store), ghost, solveJobs, { type: 'StartSolveJob', jobId, runner: 'ghost', leaseMs: 600, requestedAt: new Date(claimedAt).toISOString() }, { tenantId: 'acme', waitForReadModels: false });
    // when a live runner starts
    await startRunner(store);
    await finished(store, [jobId], 10_000);
    // then it started the job as attempt 2, after the ghost's lease ran out
    const restart = (await events(store, jobId)).filter((event) => event.type === 'SolveJobStarted')[1];
    expect(restart.data).toMatchObject({ attempt: 2 });
    expect(Date.parse(restart.recordedAt)).toBeGreaterThanOrEqual(claimedAt + 600);
  });

  it("runs as many of a tenant's jobs at once as its solver allowance, set by a TenantCapacityChanged from another process", async () => {
    // given a runner whose tenants may run one job each, and three long jobs of one tenant
    const store = openStore();
    await startRunner(store, { SOLVE_JOBS_CONCURRENCY: '1', SOLVE_JOBS_PER_TENANT: '1' });
    const started = async (jobIds: readonly string[]) => (await Promise.all(jobIds.map(async (jobId) => count(await events(store, jobId), 'SolveJobStarted')))).reduce((a, b) => a + b, 0);
    const jobIds = [await submit(store, 'acme', 2_000), await submit(store, 'acme', 2_000), await submit(store, 'acme', 2_000)];
    await eventually(async () => expect(await started(jobIds)).toBe(1), 5_000);
    // when predictive scaling gives the tenant an allowance of 3 (the scaling subgraph writes this event)
    const change: TenantCapacityChanged = {
      type: 'TenantCapacityChanged',
      data: { tenantId: 'acme', resourceType: 'COMPUTE', capacity: 3, previousCapacity: null, actionId: 'a1', scheduleId: 's1', changedBy: 'system:scaling-scheduler', changedAt: new Date().toISOString() },
    };
    const caller = { actor: 'system:scaling-scheduler', correlationId: 'a1', causationId: 'a1', audit: auditedAction('scaling.applyScalingAction') };
    await recordFacts({ eventStore: openStore(), clock: () => new Date() }, caller, { streamId: tenantCapacityStreamId('acme'), events: [change], expectedRevision: 'any', versionOf: eventSchemaVersion }, { tenantId: 'acme' });
    // then all three run at once, long before the first has finished
    await eventually(async () => expect(await started(jobIds)).toBe(3), 1_500);
    expect(count(await events(store, jobIds[0]), 'SolveJobCompleted')).toBe(0);
  });
});
