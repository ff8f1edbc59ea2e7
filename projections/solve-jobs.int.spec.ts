import { describeProjection } from '../test/support/projection-spec';
import { sampleSolveRequest, sampleSolveResult, solveJob } from '../test/support/sample-events';
import { SOLVE_JOBS_COLLECTION, type SolveJobDocument } from '../schema/read-models/optimization';
import { solveJobsProjection } from './solve-jobs';

const submittedAt = '2026-04-01T09:00:00.000Z';
const startedAt = '2026-04-01T09:00:01.000Z';
const finishedAt = '2026-04-01T09:00:02.000Z';
const acmeJob = solveJob('j1', 'acme');
const globexJob = solveJob('j2', 'globex');

const submitted = (id: string, tenantId: string): SolveJobDocument => ({
  id,
  tenantId,
  problemId: null,
  status: 'SUBMITTED',
  strategy: sampleSolveRequest.strategy,
  timeLimitMs: sampleSolveRequest.timeLimitMs,
  seed: sampleSolveRequest.seed,
  variableCount: sampleSolveRequest.qubo.variables.length,
  attempt: 0,
  submittedAt,
});
const running: SolveJobDocument = { ...submitted('j1', 'acme'), status: 'RUNNING', attempt: 1, startedAt };

describeProjection(solveJobsProjection, (spec) => {
  it('records a submitted job per tenant from its request', () => {
    return spec.when(acmeJob.submitted(submittedAt), globexJob.submitted(submittedAt)).then({ [SOLVE_JOBS_COLLECTION]: [submitted('j1', 'acme'), submitted('j2', 'globex')] });
  });

  it('follows the job as it starts and progresses, without touching other jobs', () => {
    return spec
      .given(acmeJob.submitted(submittedAt), globexJob.submitted(submittedAt))
      .when(acmeJob.started(1, startedAt), acmeJob.progressed(-0.5, 200, 0.2), acmeJob.progressed(-1, 400, 0.4))
      .then({ [SOLVE_JOBS_COLLECTION]: { j1: { ...running, bestEnergy: -1, elapsedMs: 400, fractionOfBudget: 0.4 }, j2: submitted('j2', 'globex') } });
  });

  it('keeps the result of a completed job, its resource usage changing nothing', () => {
    return spec
      .given(acmeJob.submitted(submittedAt), acmeJob.started(1, startedAt), acmeJob.progressed(-0.5, 200, 0.2))
      .when(acmeJob.completed(finishedAt), acmeJob.resourceUsageRecorded(0.04, finishedAt))
      .then({
        [SOLVE_JOBS_COLLECTION]: [
          { ...running, status: 'COMPLETED', finishedAt, bestEnergy: sampleSolveResult.bestEnergy, elapsedMs: 200, fractionOfBudget: 1, result: sampleSolveResult },
        ],
      });
  });

  it('counts the attempts of a job started again after a restart', () => {
    return spec
      .given(acmeJob.submitted(submittedAt), acmeJob.started(1, startedAt))
      .when(acmeJob.started(2, finishedAt))
      .then({ [SOLVE_JOBS_COLLECTION]: [{ ...running, attempt: 2, startedAt: finishedAt }] });
  });

  it('records why a job failed and whether it may be retried', () => {
    return spec
      .given(acmeJob.submitted(submittedAt), acmeJob.started(1, startedAt))
      .when(acmeJob.failed('solver crashed', true, finishedAt))
      .then({ [SOLVE_JOBS_COLLECTION]: [{ ...running, status: 'FAILED', finishedAt, failureReason: 'solver crashed', retryable: true }] });
  });

  it('ends a cancelled job', () => {
    return spec
      .given(acmeJob.submitted(submittedAt))
      .when(acmeJob.cancelled('user:acme-admin', finishedAt))
      .then({ [SOLVE_JOBS_COLLECTION]: [{ ...submitted('j1', 'acme'), status: 'CANCELLED', finishedAt }] });
  });
});
