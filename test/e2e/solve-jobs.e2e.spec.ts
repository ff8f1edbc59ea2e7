import { join } from 'node:path';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import { collect, dataOf, errorCodes, subscriptionClient } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

/** Solve jobs through the gateway: submitted at once, followed live, cancellable, surviving a restart. */
describe('solve jobs through the gateway', () => {
  const goliath = useTestPlatform({ env: { SOLVER_WORKERS: '1' } });
  const { call } = goliath;
  let tenantId: string;

  // A 60-variable chain with a one-hot over the first ten: solvable in milliseconds, so jobs run their full time.
  const variables = Array.from({ length: 60 }, (_, index) => `x${index}`);
  const qubo = {
    variables,
    linear: variables.map((variable, index) => ({ variable, coefficient: index % 3 === 0 ? -2 : 1 })),
    quadratic: variables.slice(1).map((variable, index) => ({ u: variables[index], v: variable, coefficient: 1.5 })),
  };
  const submit = async (timeLimitMs: number) =>
    dataOf(
      await call<{ submitSolveJob: { id: string; status: string } }>('mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id status attempt } }', {
        input: { tenantId, qubo, constraints: [{ kind: 'ONE_HOT', penaltyWeight: 20, variables: variables.slice(0, 10) }], timeLimitMs, seed: 3 },
      }),
    ).submitSolveJob;
  const job = async (id: string) =>
    dataOf(await call<{ solveJob: { status: string; attempt: number; result: { feasible: boolean; bestAssignment: string } | null } }>(`{ solveJob(id: "${id}") { status attempt fractionOfBudget result } }`)).solveJob;
  const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    [tenantId] = await goliath.createTenants('Jobs');
  });

  it('answers at once, streams progress over the subscription, and completes with a feasible result', async () => {
    const submitted = await submit(1500);
    expect(submitted.status).toBe('SUBMITTED');
    const client = subscriptionClient(goliath.platform.subscriptionUrl, goliath.admin);
    try {
      const events = await collect<{ solveJobProgress: { type: string; status: string; fractionOfBudget: number | null } }>(
        client,
        `subscription { solveJobProgress(jobId: "${submitted.id}") { type status bestEnergy elapsedMs fractionOfBudget } }`,
        1000,
        20_000,
      );
      const types = events.map((event) => event.data?.solveJobProgress.type);
      expect(types.at(-1)).toBe('SolveJobCompleted');
      expect(types).toContain('SolveJobProgressed');
      expect(events.at(-1)!.data!.solveJobProgress).toMatchObject({ status: 'COMPLETED', fractionOfBudget: 1 });
    } finally {
      await client.dispose();
    }
    const finished = await until(() => job(submitted.id), (value) => value.status === 'COMPLETED');
    expect(finished.result).toMatchObject({ feasible: true });
    expect(finished.result!.bestAssignment).toMatch(/^[01]{60}$/);

    // and what the job consumed is on record for predictive scaling
    const store = createSqliteEventStore({ file: join(goliath.dataDir, 'goliath.db') });
    try {
      const usage = (await store.readStream(`solvejob-${submitted.id}`)).find((event) => event.type === 'ResourceUsageRecorded');
      expect(usage?.data).toMatchObject({ tenantId, solveId: submitted.id, solveKind: 'SOLVE_JOB', variables: 60 });
      expect((usage?.data as { cpuSeconds: number; wallTimeMs: number }).cpuSeconds).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('cancels a running job, and refuses to cancel it twice', async () => {
    const submitted = await submit(30_000);
    await until(() => job(submitted.id), (value) => value.status === 'RUNNING');
    const cancelled = dataOf(await call<{ cancelSolveJob: { status: string } }>(`mutation { cancelSolveJob(id: "${submitted.id}") { status } }`)).cancelSolveJob;
    expect(cancelled.status).toBe('CANCELLED');
    expect(errorCodes(await call(`mutation { cancelSolveJob(id: "${submitted.id}") { status } }`))).toEqual(['CONFLICT']);
    // and the next job still runs: the cancelled solve let go of the solver
    const next = await submit(200);
    expect((await until(() => job(next.id), (value) => value.status === 'COMPLETED')).status).toBe('COMPLETED');
  });

  it('refuses a negative time limit and an unknown job', async () => {
    const response = await call('mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id } }', { input: { tenantId, qubo, timeLimitMs: -1 } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await call('mutation { cancelSolveJob(id: "nope") { id } }'))).toEqual(['NOT_FOUND']);
  });

  it('re-runs a job that was running when the platform stopped, instead of leaving it running', async () => {
    // given a long job that is running
    const submitted = await submit(3000);
    await until(() => job(submitted.id), (value) => value.status === 'RUNNING');
    // when the platform stops and starts again on the same data
    await goliath.restart();
    // then the job is started again (attempt 2) and completes
    const finished = await until(() => job(submitted.id), (value) => value.status === 'COMPLETED');
    expect(finished).toMatchObject({ status: 'COMPLETED', attempt: 2 });
    const listed = dataOf(await call<{ solveJobs: { edges: { node: { id: string } }[] } }>(`{ solveJobs(tenantId: "${tenantId}", status: COMPLETED) { edges { node { id } } } }`));
    expect(listed.solveJobs.edges.map((edge) => edge.node.id)).toContain(submitted.id);
  });

  it("counts the tenant's jobs by status and the CPU-seconds they used in Tenant.optimizationProfile", async () => {
    const profile = dataOf(
      await call<{ tenant: { optimizationProfile: { jobCounts: Record<string, number>; cpuSecondsUsed: number } } }>(
        `{ tenant(id: "${tenantId}") { optimizationProfile { problemCount cpuSecondsUsed jobCounts { SUBMITTED RUNNING COMPLETED FAILED CANCELLED } } } }`,
      ),
    ).tenant.optimizationProfile;
    expect(profile.jobCounts).toEqual({ SUBMITTED: 0, RUNNING: 0, COMPLETED: 3, FAILED: 0, CANCELLED: 1 });
    expect(profile.cpuSecondsUsed).toBeGreaterThan(0);
  });
});

/** A tenant's share of the background solver is bounded: it cannot queue the other tenants out. */
describe("a tenant's unfinished solve jobs through the gateway", () => {
  const goliath = useTestPlatform({ env: { SOLVER_WORKERS: '1', SOLVE_JOBS_UNFINISHED_PER_TENANT: '2' } });
  const qubo = { variables: ['a', 'b'], linear: [{ variable: 'a', coefficient: -1 }], quadratic: [{ u: 'a', v: 'b', coefficient: 2 }] };
  const submit = (tenantId: string) =>
    goliath.call<{ submitSolveJob: { id: string } }>('mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id } }', { input: { tenantId, qubo, timeLimitMs: 30_000, seed: 1 } });

  it('refuses a job over the cap with SOLVE_JOB_QUEUE_FULL, and still takes another tenant’s', async () => {
    const [busy, other] = await goliath.createTenants('Busy', 'Other');
    const accepted = [dataOf(await submit(busy)).submitSolveJob.id, dataOf(await submit(busy)).submitSolveJob.id];
    const refused = await submit(busy);
    expect(errorCodes(refused)).toEqual(['SOLVE_JOB_QUEUE_FULL']);
    expect(refused.errors?.[0].extensions).toMatchObject({ limit: 2, unfinishedJobs: 2 });
    expect(errorCodes(await submit(other))).toEqual([]);
    for (const id of accepted) await goliath.call(`mutation { cancelSolveJob(id: "${id}") { status } }`);
  });
});
