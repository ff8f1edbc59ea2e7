import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import type { EventStore } from '../../platform/eventstore/port';
import {
  licenseStreamId,
  solveJobStreamId,
  type AlgorithmRecipe,
  type AlgorithmRunMetered,
  type LicenseEvent,
  type SolveJobSubmitted,
} from '../../schema/events';
import { eventually } from '../support/eventually';
import { publishListingFromAnotherProcess } from '../support/sample-listing';
import { dataOf, errorCodes } from '../support/gateway-client';
import { sharedDataFile } from '../support/shared-data';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(90_000);

const OPTIMIZE = `mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { runId strategy parameters samples { energy } } }`;
const SUBMIT = `mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id status algorithmId algorithmVersion strategy timeLimitMs } }`;
const JOB = `query ($id: ID!) { solveJob(id: $id) { status failureReason retryable result } }`;
const JOBS = `query ($t: ID!) { solveJobs(tenantId: $t) { edges { node { id } } } }`;
const CANCEL = `mutation ($id: ID!) { cancelSolveJob(id: $id) { status } }`;
const USAGE = `query ($a: ID!) { algorithmUsage(algorithmId: $a) { algorithmId runs cpuSeconds byVersion { version runs cpuSeconds } } }`;
const BENCHMARK = `mutation ($a: ID!) { benchmarkAlgorithm(algorithmId: $a) { algorithmId version benchmarkSet benchmarkedAt results { instance variables bestKnown bestEnergy gapPercent timeToBestMs totalTimeMs } } }`;
const BENCHMARKS = `query ($a: ID!) { algorithmBenchmarks(algorithmId: $a) { version benchmarkSet results { instance gapPercent } } }`;

/** A recipe with values no default has, so a run shows it ran with them. */
const RECIPE: AlgorithmRecipe = { strategy: 'SA', timeLimitMs: 300, parameters: { sweeps: 777, schedule: 'linear', restarts: 3, numSamples: 2 }, problemClasses: ['bqp'] };
const variables = Array.from({ length: 12 }, (_, index) => `x${index}`);
const qubo = {
  variables,
  linear: variables.map((variable, index) => ({ variable, coefficient: index % 2 === 0 ? -2 : 1 })),
  quadratic: variables.slice(1).map((variable, index) => ({ u: variables[index], v: variable, coefficient: 1.5 })),
};

/**
 * Marketplace algorithms as the optimization subgraph runs them: the listing and the licences
 * arrive as the community's events (appended here as another process would), and the solver
 * refuses, runs with the recipe, meters and benchmarks accordingly.
 */
describe('marketplace algorithms run by the solver, through the gateway', () => {
  const goliath = useTestPlatform({
    env: async (dataDir) => {
      // One small published instance file (10 bqp50 instances), copied from the shared data.
      const benchmarks = join(dataDir, 'benchmarks');
      mkdirSync(benchmarks);
      copyFileSync(sharedDataFile('qubo', 'orlib', 'bqp50.txt'), join(benchmarks, 'bqp50.txt'));
      return { BENCHMARK_INSTANCES_PATH: benchmarks, SOLVER_WORKERS: '1' };
    },
  });
  const algorithmId = randomUUID();
  let author: string;
  let buyer: string;
  let stranger: string;
  let authorDeveloper: string;
  let buyerAnalyst: string;
  let strangerAdmin: string;
  let store: EventStore;

  const optimize = (tenantId: string, token: string, extra: Record<string, unknown> = {}) =>
    goliath.call<{ optimizeQubo: { runId: string; strategy: string; parameters: Record<string, unknown>; samples: unknown[] } }>(OPTIMIZE, { input: { tenantId, qubo, algorithmId, seed: 5, ...extra } }, token);
  const submit = (tenantId: string, token: string, extra: Record<string, unknown> = {}) =>
    goliath.call<{ submitSolveJob: { id: string; status: string; algorithmId: string | null; algorithmVersion: number | null; strategy: string; timeLimitMs: number } }>(
      SUBMIT,
      { input: { tenantId, qubo, algorithmId, seed: 5, ...extra } },
      token,
    );
  const job = async (id: string) => dataOf(await goliath.call<{ solveJob: { status: string; failureReason: string | null; retryable: boolean | null } }>(JOB, { id })).solveJob;
  const finished = async (id: string) => {
    let last = await job(id);
    await eventually(async () => {
      last = await job(id);
      expect(['COMPLETED', 'FAILED', 'CANCELLED']).toContain(last.status);
    }, 20_000, 100);
    return last;
  };
  const licence = (licenseId: string) => ({ licenseId, algorithmId, version: 1, tenantId: buyer });
  const grant = (licenseId: string) =>
    goliath.recordFromAnotherProcess(
      licenseStreamId(licenseId),
      [
        { type: 'LicenseIssued', data: { ...licence(licenseId), buyerId: 'bob', licenseType: 'PERSONAL', price: 10, currency: 'EUR', idempotencyKey: licenseId, authorTenantId: author, issuedAt: new Date().toISOString() } },
        { type: 'EntitlementGranted', data: { ...licence(licenseId), licenseType: 'PERSONAL', grantedAt: new Date().toISOString() } },
      ] satisfies LicenseEvent[],
      { tenantId: buyer, actor: 'bob', action: 'community.purchaseAlgorithm' },
    );
  const revoke = (licenseId: string) =>
    goliath.recordFromAnotherProcess(licenseStreamId(licenseId), [{ type: 'EntitlementRevoked', data: { ...licence(licenseId), reason: 'REFUNDED', revokedAt: new Date().toISOString() } }] satisfies LicenseEvent[], {
      tenantId: buyer,
      actor: 'bob',
      action: 'community.refundLicense',
    });
  /** Until the buyer's licence shows in (or is gone from) the solver's read model. */
  const licensed = (expected: boolean) =>
    eventually(async () => {
      expect(errorCodes(await optimize(buyer, buyerAnalyst, { timeLimitMs: 10 }))).toEqual(expected ? [] : ['LICENSE_REQUIRED']);
    });
  const streamEvents = async (streamId: string) => store.readStream(streamId);

  beforeAll(async () => {
    [author, buyer, stranger] = await goliath.createTenants('Author Co', 'Buyer Co', 'Stranger Co');
    authorDeveloper = await goliath.token('DEVELOPER', author, 'grace');
    buyerAnalyst = await goliath.token('ANALYST', buyer, 'bob');
    strangerAdmin = await goliath.token('TENANT_ADMIN', stranger, 'sam');
    store = createSqliteEventStore({ file: join(goliath.dataDir, 'goliath.db') });
    await publishListingFromAnotherProcess(goliath, author, { algorithmId, authorId: 'grace', name: 'Linear annealer', recipe: RECIPE, licensePrices: { PERSONAL: 10, COMMERCIAL: 50, ENTERPRISE: 200 } });
    // The author's tenant runs its own approved listing once the solver's read model has it.
    await eventually(async () => expect((await optimize(author, authorDeveloper, { timeLimitMs: 10 })).errors).toBeUndefined());
  });

  afterAll(async () => {
    await store?.close();
  });

  it('refuses a run of the algorithm without a licence with LICENSE_REQUIRED and its remedy, storing no job', async () => {
    const refused = await submit(buyer, buyerAnalyst);
    expect(errorCodes(refused)).toEqual(['LICENSE_REQUIRED']);
    expect(refused.errors?.[0].message).toMatch(/purchase a licence with purchaseAlgorithm/);
    expect(errorCodes(await optimize(buyer, buyerAnalyst))).toEqual(['LICENSE_REQUIRED']);
    const jobs = dataOf(await goliath.call<{ solveJobs: { edges: unknown[] } }>(JOBS, { t: buyer }, buyerAnalyst)).solveJobs;
    expect(jobs.edges).toEqual([]);
  });

  it("with a licence, runs the recipe: the job records the algorithm and the recipe's settings, and the input's own fields win", async () => {
    await grant('licence-1');
    await licensed(true);

    const submitted = dataOf(await submit(buyer, buyerAnalyst)).submitSolveJob;
    expect(submitted).toMatchObject({ algorithmId, algorithmVersion: 1, strategy: 'SA', timeLimitMs: 300 });
    expect(await finished(submitted.id)).toMatchObject({ status: 'COMPLETED' });
    const events = await streamEvents(solveJobStreamId(submitted.id));
    const request = (events.find((event) => event.type === 'SolveJobSubmitted')!.data as SolveJobSubmitted['data']).request;
    expect(request).toMatchObject({ strategy: 'SA', timeLimitMs: 300, numSamples: 2, algorithm: { algorithmId, version: 1, authorTenantId: author, authorId: 'grace', parameters: { sweeps: 777, schedule: 'linear', restarts: 3 } } });
    const metered = events.find((event) => event.type === 'AlgorithmRunMetered')!.data as AlgorithmRunMetered['data'];
    expect(metered).toMatchObject({ algorithmId, version: 1, runnerTenantId: buyer, authorTenantId: author, authorId: 'grace', solveId: submitted.id, solveKind: 'SOLVE_JOB' });
    const types = events.map((event) => event.type);
    expect(types.indexOf('AlgorithmRunMetered')).toBeLessThan(types.indexOf('SolveJobCompleted'));

    const overridden = dataOf(await submit(buyer, buyerAnalyst, { strategy: 'TABU', timeLimitMs: 100 })).submitSolveJob;
    expect(overridden).toMatchObject({ strategy: 'TABU', timeLimitMs: 100 });
    await finished(overridden.id);

    const run = dataOf(await optimize(buyer, buyerAnalyst)).optimizeQubo;
    expect(run.strategy).toBe('SA');
    expect(run.parameters).toMatchObject({ sweeps: 777, schedule: 'linear', restarts: 3, timeLimitMs: 300 });
    expect(run.samples.length).toBeLessThanOrEqual(2);
    const optimized = await streamEvents(`optimization-${run.runId}`);
    expect(optimized.map((event) => event.type)).toContain('AlgorithmRunMetered');
  });

  it('stops the next run once the licence is refunded, and fails a job queued before the refund when it starts', async () => {
    // A long job without the algorithm holds the buyer's one running slot, so the algorithm's job waits behind it.
    const blocker = dataOf(await submit(buyer, buyerAnalyst, { algorithmId: null, timeLimitMs: 30_000 })).submitSolveJob;
    await eventually(async () => expect((await job(blocker.id)).status).toBe('RUNNING'), 10_000, 50);
    const queued = dataOf(await submit(buyer, buyerAnalyst)).submitSolveJob;
    expect((await job(queued.id)).status).toBe('SUBMITTED');

    await revoke('licence-1');
    await licensed(false);
    expect(errorCodes(await submit(buyer, buyerAnalyst))).toEqual(['LICENSE_REQUIRED']);

    await goliath.call(CANCEL, { id: blocker.id }, buyerAnalyst);
    expect(await finished(queued.id)).toMatchObject({ status: 'FAILED', retryable: false, failureReason: expect.stringMatching(/^LICENSE_REQUIRED: .*purchaseAlgorithm/) });
    expect((await streamEvents(solveJobStreamId(queued.id))).map((event) => event.type)).not.toContain('AlgorithmRunMetered');
  });

  it("lets the author's tenant run its own approved listing without a licence", async () => {
    const run = dataOf(await optimize(author, authorDeveloper)).optimizeQubo;
    expect(run.parameters).toMatchObject({ sweeps: 777, schedule: 'linear' });
  });

  it("shows the listing's runs and CPU time to its author's tenant only", async () => {
    type Usage = { algorithmUsage: { runs: number; cpuSeconds: number; byVersion: { version: number; runs: number }[] } };
    let usage: Usage['algorithmUsage'] | undefined;
    // Metered: the licensed job, the overridden job, the licensed optimizeQubo, and the author's own runs.
    await eventually(async () => {
      usage = dataOf(await goliath.call<Usage>(USAGE, { a: algorithmId }, authorDeveloper)).algorithmUsage;
      expect(usage.runs).toBeGreaterThanOrEqual(5);
    });
    expect(usage!.cpuSeconds).toBeGreaterThan(0);
    expect(usage!.byVersion).toEqual([{ version: 1, runs: usage!.runs, cpuSeconds: usage!.cpuSeconds }]);
    expect(dataOf(await goliath.call<Usage>(USAGE, { a: algorithmId })).algorithmUsage.runs).toBe(usage!.runs);
    expect(errorCodes(await goliath.call(USAGE, { a: algorithmId }, buyerAnalyst))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call(USAGE, { a: algorithmId }, strangerAdmin))).toEqual(['NOT_FOUND']);
  });

  it('benchmarks the recipe on the published instances with the gap to their best-known values, shown on the listing to everyone', async () => {
    type Benchmark = { benchmarkAlgorithm: { version: number; benchmarkSet: string; results: { instance: string; variables: number; bestKnown: number; bestEnergy: number; gapPercent: number; totalTimeMs: number }[] } };
    const benchmark = dataOf(await goliath.call<Benchmark>(BENCHMARK, { a: algorithmId }, authorDeveloper)).benchmarkAlgorithm;
    expect(benchmark).toMatchObject({ version: 1, benchmarkSet: 'benchmarks' });
    expect(benchmark.results.map((result) => result.instance)).toEqual(['bqp50.1', 'bqp50.2', 'bqp50.3', 'bqp50.4', 'bqp50.5']);
    // BEST_KNOWN.md: bqp50.1 is 2098 (maximised), −2098 as the energy the solver minimises.
    expect(benchmark.results[0]).toMatchObject({ variables: 50, bestKnown: -2098 });
    for (const result of benchmark.results) {
      expect(result.bestEnergy).toBeGreaterThanOrEqual(result.bestKnown);
      expect(result.gapPercent).toBeCloseTo(((result.bestEnergy - result.bestKnown) / Math.abs(result.bestKnown)) * 100, 3);
      expect(result.totalTimeMs).toBeLessThan(1_000);
    }

    const listed = dataOf(await goliath.call<{ algorithmBenchmarks: { version: number }[] }>(BENCHMARKS, { a: algorithmId }, strangerAdmin)).algorithmBenchmarks;
    expect(listed).toHaveLength(1);
    expect(errorCodes(await goliath.call(BENCHMARK, { a: algorithmId }, strangerAdmin))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call(BENCHMARK, { a: algorithmId }, buyerAnalyst))).toEqual(['FORBIDDEN']);
  });
});
