import type { SolveJobEvent } from '../schema/events';
import { SOLVE_JOB_CATEGORY } from '../schema/events';
import { SOLVE_JOBS_COLLECTION, type SolveJobDocument } from '../schema/read-models/optimization';
import type { Projection } from './projection';

/** One document per solve job: its status, latest progress and, once finished, its result. */
export const solveJobsProjection: Projection = {
  name: 'solve-jobs',
  // 2: enum values as the API writes them (MAXIMIZE, ONE_HOT, LESS_OR_EQUAL, SA), where version 1 kept maximize, one_hot, <=, sa.
  version: 2,
  collections: [{ name: SOLVE_JOBS_COLLECTION, indexes: ['tenantId', 'status', 'submittedAt'] }],
  filter: { categories: [SOLVE_JOB_CATEGORY] },
  handle(recorded, context) {
    const event = recorded as unknown as SolveJobEvent;
    const jobId = 'jobId' in event.data ? event.data.jobId : undefined;
    if (!jobId) return;
    switch (event.type) {
      case 'SolveJobSubmitted': {
        const { tenantId, request, submittedAt } = event.data;
        const document: SolveJobDocument = {
          id: jobId,
          tenantId,
          problemId: request.problemId,
          status: 'SUBMITTED',
          strategy: request.strategy,
          timeLimitMs: request.timeLimitMs,
          seed: request.seed,
          variableCount: request.qubo.variables.length,
          attempt: 0,
          submittedAt,
          ...(request.algorithm && { algorithmId: request.algorithm.algorithmId, algorithmVersion: request.algorithm.version }),
        };
        context.upsert(SOLVE_JOBS_COLLECTION, document);
        return;
      }
      case 'SolveJobStarted':
        context.patch(SOLVE_JOBS_COLLECTION, jobId, { status: 'RUNNING', attempt: event.data.attempt, startedAt: event.data.startedAt });
        return;
      case 'SolveJobProgressed':
        context.patch(SOLVE_JOBS_COLLECTION, jobId, { bestEnergy: event.data.bestEnergy, elapsedMs: event.data.elapsedMs, fractionOfBudget: event.data.fractionOfBudget });
        return;
      case 'SolveJobCompleted': {
        const { jobId: _jobId, completedAt, ...result } = event.data;
        context.patch(SOLVE_JOBS_COLLECTION, jobId, { status: 'COMPLETED', finishedAt: completedAt, bestEnergy: result.bestEnergy, fractionOfBudget: 1, result });
        return;
      }
      case 'SolveJobFailed':
        context.patch(SOLVE_JOBS_COLLECTION, jobId, { status: 'FAILED', finishedAt: event.data.failedAt, failureReason: event.data.reason, retryable: event.data.retryable });
        return;
      case 'SolveJobCancelled':
        context.patch(SOLVE_JOBS_COLLECTION, jobId, { status: 'CANCELLED', finishedAt: event.data.cancelledAt });
        return;
      case 'ResourceUsageRecorded':
        return;
    }
  },
};
