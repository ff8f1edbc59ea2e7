import {
  problemStreamId,
  solveJobStreamId,
  tenantStreamId,
  type ProblemEvent,
  type QuboDefinition,
  type SolveJobCompleted,
  type SolveJobEvent,
  type SolveJobRequest,
  type TenantEvent,
} from '../../schema/events';
import { stream } from './projection-spec';

/** Builders of the events that more than one projection spec folds, each in its own stream. */

export const sampleQubo: QuboDefinition = {
  variables: ['x', 'y'],
  linear: [{ variable: 'x', coefficient: -1 }],
  quadratic: [{ u: 'x', v: 'y', coefficient: 2 }],
  offset: 0,
  sense: 'MINIMIZE',
};

export const sampleSolveRequest: SolveJobRequest = {
  problemId: null,
  qubo: sampleQubo,
  constraints: [],
  strategy: 'SA',
  timeLimitMs: 1_000,
  seed: 7,
  numSamples: 1,
  algorithm: null,
};

export type SolveResult = Omit<SolveJobCompleted['data'], 'jobId' | 'completedAt'>;

export const sampleSolveResult: SolveResult = {
  strategy: 'SA',
  bestEnergy: -1,
  bestObjective: -1,
  feasible: true,
  bestAssignment: '10',
  variableNames: ['x', 'y'],
  timeToBestMs: 3,
  totalTimeMs: 40,
  flipsAttempted: 1_200,
  stoppedBy: 'time_limit',
};

export function tenant(tenantId: string) {
  const event = stream<TenantEvent>(tenantStreamId(tenantId), tenantId);
  return {
    created: (name: string, createdAt: string) => event({ type: 'TenantCreated', data: { tenantId, name, createdAt } }),
    renamed: (name: string, previousName: string, renamedAt: string) =>
      event({ type: 'TenantRenamed', data: { tenantId, name, previousName, renamedAt } }),
  };
}

export function problem(problemId: string, tenantId: string) {
  const event = stream<ProblemEvent>(problemStreamId(problemId), tenantId);
  return {
    created: (name: string, createdAt: string, definition: QuboDefinition = sampleQubo) =>
      event({ type: 'ProblemCreated', data: { problemId, tenantId, name, definition, createdAt } }),
  };
}

export function solveJob(jobId: string, tenantId: string) {
  const event = stream<SolveJobEvent>(solveJobStreamId(jobId), tenantId);
  return {
    submitted: (submittedAt: string, request: SolveJobRequest = sampleSolveRequest) =>
      event({ type: 'SolveJobSubmitted', data: { jobId, tenantId, request, submittedAt } }),
    started: (attempt: number, startedAt: string) => event({ type: 'SolveJobStarted', data: { jobId, attempt, startedAt, runner: 'runner-1', leaseExpiresAt: startedAt } }),
    progressed: (bestEnergy: number, elapsedMs: number, fractionOfBudget: number) =>
      event({ type: 'SolveJobProgressed', data: { jobId, attempt: 1, bestEnergy, elapsedMs, fractionOfBudget } }),
    completed: (completedAt: string, result: SolveResult = sampleSolveResult) =>
      event({ type: 'SolveJobCompleted', data: { jobId, ...result, completedAt } }),
    failed: (reason: string, retryable: boolean, failedAt: string) =>
      event({ type: 'SolveJobFailed', data: { jobId, reason, retryable, failedAt } }),
    cancelled: (cancelledBy: string, cancelledAt: string) =>
      event({ type: 'SolveJobCancelled', data: { jobId, cancelledBy, cancelledAt } }),
    resourceUsageRecorded: (cpuSeconds: number, recordedAt: string) =>
      event({
        type: 'ResourceUsageRecorded',
        data: { tenantId, solveId: jobId, solveKind: 'SOLVE_JOB', cpuSeconds, peakMemoryMb: 64, wallTimeMs: cpuSeconds * 1_000, variables: sampleQubo.variables.length, recordedAt },
      }),
  };
}
