import type { DomainEvent } from '../../platform/commands/decider';
import type { AlgorithmRunReference } from './algorithm-run-events';
import type { ConstraintDefinition, QuboDefinition } from './optimization-events';

/** Events of the `solvejob-<id>` streams, owned by the optimization subgraph. */
export const SOLVE_JOB_CATEGORY = 'solvejob';
export const solveJobStreamId = (jobId: string): string => `${SOLVE_JOB_CATEGORY}-${jobId}`;

export type SolveJobStatus = 'SUBMITTED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

/** Everything needed to run the job again from scratch (a restart re-runs it from here). */
export interface SolveJobRequest {
  readonly problemId: string | null;
  /** The QUBO and constraints as they were when the job was submitted. */
  readonly qubo: QuboDefinition;
  readonly constraints: readonly ConstraintDefinition[];
  readonly strategy: 'SA' | 'TABU' | 'AUTO';
  readonly timeLimitMs: number;
  readonly seed: number;
  readonly numSamples: number;
  /** The marketplace algorithm whose recipe the job runs (version 4); its strategy, time and samples are already merged into the fields above. */
  readonly algorithm: AlgorithmRunReference | null;
}

export type SolveJobSubmitted = DomainEvent<'SolveJobSubmitted', { readonly jobId: string; readonly tenantId: string; readonly request: SolveJobRequest; readonly submittedAt: string }>;
/**
 * A runner claimed the job for one attempt, with a lease it renews while it works: another runner
 * may start the job again only once the lease has expired (or was released), so a job runs once
 * however many runners share the store. Version 2 added `runner` and `leaseExpiresAt`.
 */
export type SolveJobStarted = DomainEvent<
  'SolveJobStarted',
  { readonly jobId: string; readonly attempt: number; readonly startedAt: string; readonly runner: string; readonly leaseExpiresAt: string }
>;
/** Version 1 of SolveJobStarted, as stored before leases. */
export interface SolveJobStartedV1 {
  readonly jobId: string;
  readonly attempt: number;
  readonly startedAt: string;
}
/** The lease holder is still at work: its lease now runs to `leaseExpiresAt`. */
export type SolveJobLeaseRenewed = DomainEvent<'SolveJobLeaseRenewed', { readonly jobId: string; readonly runner: string; readonly attempt: number; readonly leaseExpiresAt: string }>;
/** The lease holder stopped (a graceful shutdown) before finishing: any runner may start the job again at once. */
export type SolveJobLeaseReleased = DomainEvent<'SolveJobLeaseReleased', { readonly jobId: string; readonly runner: string; readonly attempt: number; readonly releasedAt: string }>;
/** Throttled (≤ 4 a second): what a progress bar needs, and the attempt it belongs to (version 2). */
export type SolveJobProgressed = DomainEvent<
  'SolveJobProgressed',
  { readonly jobId: string; readonly attempt: number; readonly bestEnergy: number; readonly elapsedMs: number; readonly fractionOfBudget: number }
>;
/** Version 1 of SolveJobProgressed, as stored before progress named its attempt. */
export type SolveJobProgressedV1 = Omit<SolveJobProgressed['data'], 'attempt'>;
export type SolveJobCompleted = DomainEvent<
  'SolveJobCompleted',
  {
    readonly jobId: string;
    readonly strategy: 'SA' | 'TABU';
    readonly bestEnergy: number;
    readonly bestObjective: number;
    readonly feasible: boolean;
    /** The best sample's user variables, in problem order, as a string of 0s and 1s. */
    readonly bestAssignment: string;
    readonly variableNames: readonly string[];
    readonly timeToBestMs: number;
    readonly totalTimeMs: number;
    readonly flipsAttempted: number;
    readonly stoppedBy: string;
    readonly completedAt: string;
  }
>;
export type SolveJobFailed = DomainEvent<'SolveJobFailed', { readonly jobId: string; readonly reason: string; readonly retryable: boolean; readonly failedAt: string }>;
export type SolveJobCancelled = DomainEvent<'SolveJobCancelled', { readonly jobId: string; readonly cancelledBy: string; readonly cancelledAt: string }>;
/** How a solve was asked for, where its usage is recorded. */
export type MeteredSolveKind = 'SOLVE_JOB' | 'OPTIMIZE_QUBO' | 'OPTIMIZE_MULTI_OBJECTIVE';

/**
 * What one finished solve consumed, in the solve's own stream (`solvejob-<id>`, or
 * `optimization-<runId>` for a synchronous one); metering folds these into the hourly usage
 * predictive scaling forecasts from. Version 1 was written by solve jobs only, as `jobId`.
 */
export type ResourceUsageRecorded = DomainEvent<
  'ResourceUsageRecorded',
  {
    readonly tenantId: string;
    readonly solveId: string;
    readonly solveKind: MeteredSolveKind;
    readonly cpuSeconds: number;
    readonly peakMemoryMb: number;
    readonly wallTimeMs: number;
    readonly variables: number;
    readonly recordedAt: string;
  }
>;
export type ResourceUsageRecordedV1 = Omit<ResourceUsageRecorded['data'], 'solveId' | 'solveKind'> & { readonly jobId: string };

export type SolveJobEvent =
  | SolveJobSubmitted
  | SolveJobStarted
  | SolveJobLeaseRenewed
  | SolveJobLeaseReleased
  | SolveJobProgressed
  | SolveJobCompleted
  | SolveJobFailed
  | SolveJobCancelled
  | ResourceUsageRecorded;

export const SOLVE_JOB_TERMINAL_EVENTS: readonly SolveJobEvent['type'][] = ['SolveJobCompleted', 'SolveJobFailed', 'SolveJobCancelled'];

/**
 * Version 2 of the events carrying a sense, constraint kind, relation or strategy writes it as the
 * API's enums name them (MINIMIZE, ONE_HOT, LESS_OR_EQUAL, SA; not minimize, one_hot, <=, sa);
 * version 3 of SolveJobSubmitted records each constraint's `penaltyMethod`, version 4 the marketplace
 * algorithm the job runs (`request.algorithm`); see ./upcasters.ts.
 */
export const SOLVE_JOB_EVENT_VERSIONS: Readonly<Record<SolveJobEvent['type'], number>> = {
  SolveJobSubmitted: 4,
  SolveJobStarted: 2,
  SolveJobLeaseRenewed: 1,
  SolveJobLeaseReleased: 1,
  SolveJobProgressed: 2,
  SolveJobCompleted: 2,
  SolveJobFailed: 1,
  SolveJobCancelled: 1,
  ResourceUsageRecorded: 2,
};
