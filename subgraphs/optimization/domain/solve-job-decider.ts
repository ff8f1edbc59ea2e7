import { DomainError, type Decider } from '../../../platform/commands/decider';
import type { AlgorithmRunMetered, ConstraintOutcomesRecorded, SolveJobCompleted, SolveJobEvent, SolveJobRequest, SolveJobStatus } from '../../../schema/events';
import { algorithmRunEvent, constraintOutcomesEvent } from './optimization-run-decider';

/** Who runs the job now, and until when: another runner may take the job over once `expiresAt` has passed. */
export interface SolveJobLease {
  readonly runner: string;
  readonly attempt: number;
  readonly expiresAt: string;
}

export type SolveJobState =
  | { readonly status: 'ABSENT' }
  | {
      readonly status: SolveJobStatus;
      readonly jobId: string;
      readonly tenantId: string;
      readonly request: SolveJobRequest;
      readonly attempt: number;
      /** Set while RUNNING; expired at once when released. */
      readonly lease?: SolveJobLease;
    };

/** A runner acting on the attempt it holds. */
interface HeldAttempt {
  readonly runner: string;
  readonly attempt: number;
}

export type SolveJobCommand =
  | { readonly type: 'SubmitSolveJob'; readonly jobId: string; readonly tenantId: string; readonly request: SolveJobRequest; readonly requestedAt: string }
  /** Claims the job for the next attempt: a submitted job, or a running one whose lease has expired (its runner died) or was released. */
  | { readonly type: 'StartSolveJob'; readonly jobId: string; readonly runner: string; readonly leaseMs: number; readonly requestedAt: string }
  | ({ readonly type: 'RenewSolveJobLease'; readonly jobId: string; readonly leaseMs: number; readonly requestedAt: string } & HeldAttempt)
  | ({ readonly type: 'ReleaseSolveJobLease'; readonly jobId: string; readonly requestedAt: string } & HeldAttempt)
  | ({
      readonly type: 'CompleteSolveJob';
      readonly outcome: SolveJobCompleted['data'];
      readonly constraintOutcomes?: ConstraintOutcomesRecorded['data'];
      /** The run of a marketplace algorithm's recipe, metered to its listing. */
      readonly algorithmRun?: AlgorithmRunMetered['data'];
    } & HeldAttempt)
  | ({ readonly type: 'FailSolveJob'; readonly jobId: string; readonly reason: string; readonly retryable: boolean; readonly requestedAt: string } & HeldAttempt)
  | { readonly type: 'CancelSolveJob'; readonly jobId: string; readonly cancelledBy: string; readonly requestedAt: string };

export function jobIdOf(command: SolveJobCommand): string {
  return command.type === 'CompleteSolveJob' ? command.outcome.jobId : command.jobId;
}

export const solveJobDecider: Decider<SolveJobState, SolveJobCommand, SolveJobEvent | ConstraintOutcomesRecorded | AlgorithmRunMetered> = {
  initialState: () => ({ status: 'ABSENT' }),

  evolve(state, event) {
    if (event.type === 'SolveJobSubmitted') {
      return { status: 'SUBMITTED', jobId: event.data.jobId, tenantId: event.data.tenantId, request: event.data.request, attempt: 0 };
    }
    if (state.status === 'ABSENT') return state;
    switch (event.type) {
      case 'SolveJobStarted':
        return { ...state, status: 'RUNNING', attempt: event.data.attempt, lease: { runner: event.data.runner, attempt: event.data.attempt, expiresAt: event.data.leaseExpiresAt } };
      case 'SolveJobLeaseRenewed':
        return state.lease ? { ...state, lease: { ...state.lease, expiresAt: event.data.leaseExpiresAt } } : state;
      case 'SolveJobLeaseReleased':
        return state.lease ? { ...state, lease: { ...state.lease, expiresAt: event.data.releasedAt } } : state;
      case 'SolveJobCompleted':
        return { ...state, status: 'COMPLETED', lease: undefined };
      case 'SolveJobFailed':
        return { ...state, status: 'FAILED', lease: undefined };
      case 'SolveJobCancelled':
        return { ...state, status: 'CANCELLED', lease: undefined };
      default:
        return state;
    }
  },

  decide(command, state) {
    const jobId = jobIdOf(command);
    if (command.type === 'SubmitSolveJob') {
      if (state.status !== 'ABSENT') throw new DomainError('CONFLICT', `Solve job ${jobId} already exists.`);
      return [{ type: 'SolveJobSubmitted', data: { jobId, tenantId: command.tenantId, request: command.request, submittedAt: command.requestedAt } }];
    }
    if (state.status === 'ABSENT') throw new DomainError('NOT_FOUND', `Solve job ${jobId} does not exist.`);
    const finished = state.status === 'COMPLETED' || state.status === 'FAILED' || state.status === 'CANCELLED';
    switch (command.type) {
      case 'StartSolveJob': {
        // Someone else's live lease: the job is being run; nothing to do here.
        if (finished || (state.lease && state.lease.runner !== command.runner && state.lease.expiresAt > command.requestedAt)) return [];
        const attempt = state.attempt + 1;
        return [{ type: 'SolveJobStarted', data: { jobId, attempt, startedAt: command.requestedAt, runner: command.runner, leaseExpiresAt: after(command.requestedAt, command.leaseMs) } }];
      }
      case 'RenewSolveJobLease':
        if (!holds(state, command)) throw new DomainError('CONFLICT', `Solve job ${jobId} attempt ${command.attempt} is no longer held by ${command.runner}.`);
        return [{ type: 'SolveJobLeaseRenewed', data: { jobId, runner: command.runner, attempt: command.attempt, leaseExpiresAt: after(command.requestedAt, command.leaseMs) } }];
      case 'ReleaseSolveJobLease':
        return holds(state, command) ? [{ type: 'SolveJobLeaseReleased', data: { jobId, runner: command.runner, attempt: command.attempt, releasedAt: command.requestedAt } }] : [];
      case 'CompleteSolveJob':
        // The outcomes go first: SolveJobCompleted stays the stream's last event, which readers take as the job's end.
        return holds(state, command)
          ? [...constraintOutcomesEvent(command.constraintOutcomes), ...algorithmRunEvent(command.algorithmRun), { type: 'SolveJobCompleted', data: command.outcome }]
          : [];
      case 'FailSolveJob':
        return holds(state, command) ? [{ type: 'SolveJobFailed', data: { jobId, reason: command.reason, retryable: command.retryable, failedAt: command.requestedAt } }] : [];
      case 'CancelSolveJob':
        if (finished) throw new DomainError('CONFLICT', `Solve job ${jobId} has already ${state.status.toLowerCase()}; there is nothing to cancel.`);
        return [{ type: 'SolveJobCancelled', data: { jobId, cancelledBy: command.cancelledBy, cancelledAt: command.requestedAt } }];
    }
  },
};

/** Only the runner holding the job's current attempt may renew, release, complete or fail it. */
function holds(state: SolveJobState, { runner, attempt }: HeldAttempt): boolean {
  return state.status === 'RUNNING' && state.lease?.runner === runner && state.attempt === attempt;
}

function after(time: string, ms: number): string {
  return new Date(Date.parse(time) + ms).toISOString();
}
