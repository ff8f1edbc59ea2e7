import { deciderSpec } from '../../../test/support/decider-spec';
import type { SolveJobEvent, SolveJobRequest } from '../../../schema/events';
import { solveJobDecider } from './solve-job-decider';

const spec = deciderSpec(solveJobDecider);
const at = '2026-11-26T10:00:00.000Z';
const later = (seconds: number) => new Date(Date.parse(at) + seconds * 1000).toISOString();
const request: SolveJobRequest = {
  problemId: null,
  qubo: { variables: ['a'], linear: [{ variable: 'a', coefficient: -1 }], quadratic: [], offset: 0, sense: 'MINIMIZE' },
  constraints: [],
  strategy: 'AUTO',
  timeLimitMs: 100,
  seed: 1,
  numSamples: 1,
  algorithm: null,
};
const submitted: SolveJobEvent = { type: 'SolveJobSubmitted', data: { jobId: 'j1', tenantId: 't1', request, submittedAt: at } };
/** Attempt `attempt` claimed by `runner` at `startedAt` with a 15 s lease. */
const started = (attempt: number, runner = 'r1', startedAt = at): SolveJobEvent => ({
  type: 'SolveJobStarted',
  data: { jobId: 'j1', attempt, startedAt, runner, leaseExpiresAt: new Date(Date.parse(startedAt) + 15_000).toISOString() },
});
const start = (runner: string, requestedAt = at) => ({ type: 'StartSolveJob', jobId: 'j1', runner, leaseMs: 15_000, requestedAt }) as const;
const outcome = { jobId: 'j1', strategy: 'TABU', bestEnergy: -1, bestObjective: -1, feasible: true, bestAssignment: '1', variableNames: ['a'], timeToBestMs: 1, totalTimeMs: 2, flipsAttempted: 3, stoppedBy: 'time', completedAt: at } as const;
const completed: SolveJobEvent = { type: 'SolveJobCompleted', data: outcome };
const cancel = { type: 'CancelSolveJob', jobId: 'j1', cancelledBy: 'ada', requestedAt: at } as const;
const cancelled: SolveJobEvent = { type: 'SolveJobCancelled', data: { jobId: 'j1', cancelledBy: 'ada', cancelledAt: at } };

describe('solve job decider', () => {
  it('submits a job once', () => {
    spec.given([]).when({ type: 'SubmitSolveJob', jobId: 'j1', tenantId: 't1', request, requestedAt: at }).then([submitted]);
    spec.given([submitted]).when({ type: 'SubmitSolveJob', jobId: 'j1', tenantId: 't1', request, requestedAt: at }).thenRejects('CONFLICT');
  });

  it('starts a submitted job as attempt 1 with a lease for the runner that claims it', () => {
    spec.given([submitted]).when(start('r1')).then([started(1)]);
  });

  it("leaves a job alone while another runner's lease lives, and takes it over as the next attempt once it expired", () => {
    spec.given([submitted, started(1, 'r1')]).when(start('r2', later(5))).then([]);
    spec.given([submitted, started(1, 'r1')]).when(start('r2', later(16))).then([started(2, 'r2', later(16))]);
  });

  it('lets any runner start a job at once when its lease was released by a graceful stop', () => {
    const released: SolveJobEvent = { type: 'SolveJobLeaseReleased', data: { jobId: 'j1', runner: 'r1', attempt: 1, releasedAt: later(1) } };
    spec.given([submitted, started(1, 'r1'), released]).when(start('r2', later(2))).then([started(2, 'r2', later(2))]);
  });

  it('renews the lease for its holder only: a runner that lost the job is told so', () => {
    const renew = (runner: string, attempt: number) => ({ type: 'RenewSolveJobLease', jobId: 'j1', runner, attempt, leaseMs: 15_000, requestedAt: later(10) }) as const;
    spec.given([submitted, started(1, 'r1')]).when(renew('r1', 1)).then([{ type: 'SolveJobLeaseRenewed', data: { jobId: 'j1', runner: 'r1', attempt: 1, leaseExpiresAt: later(25) } }]);
    spec.given([submitted, started(1, 'r1'), started(2, 'r2', later(16))]).when(renew('r1', 1)).thenRejects('CONFLICT', /no longer held/);
  });

  it("completes or fails a job only for the runner holding its current attempt; a job cancelled meanwhile stays cancelled", () => {
    spec.given([submitted, started(1, 'r1')]).when({ type: 'CompleteSolveJob', runner: 'r1', attempt: 1, outcome }).then([completed]);
    spec.given([submitted, started(1, 'r1'), started(2, 'r2', later(16))]).when({ type: 'CompleteSolveJob', runner: 'r1', attempt: 1, outcome }).then([]);
    spec.given([submitted, started(1, 'r1'), cancelled]).when({ type: 'CompleteSolveJob', runner: 'r1', attempt: 1, outcome }).then([]);
    spec.given([submitted, started(1, 'r1')]).when({ type: 'FailSolveJob', jobId: 'j1', runner: 'r2', attempt: 1, reason: 'x', retryable: true, requestedAt: at }).then([]);
  });

  it("meters a run of a marketplace algorithm with its completion, before SolveJobCompleted (the stream's last event)", () => {
    const algorithmRun = { algorithmId: 'a1', version: 2, runnerTenantId: 't1', authorTenantId: 'author-co', authorId: 'grace', solveId: 'j1', solveKind: 'SOLVE_JOB', cpuMs: 120, wallMs: 100, at } as const;
    spec
      .given([submitted, started(1, 'r1')])
      .when({ type: 'CompleteSolveJob', runner: 'r1', attempt: 1, outcome, algorithmRun })
      .then([{ type: 'AlgorithmRunMetered', data: algorithmRun }, completed]);
  });

  it('cancels a submitted or running job, and refuses to cancel a finished one', () => {
    spec.given([submitted, started(1)]).when(cancel).then([cancelled]);
    spec.given([submitted, started(1), completed]).when(cancel).thenRejects('CONFLICT', /completed/);
  });

  it('refuses commands for a job that does not exist', () => {
    spec.given([]).when(cancel).thenRejects('NOT_FOUND');
  });
});
