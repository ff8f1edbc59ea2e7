import { DomainError, type Decider } from '../../../platform/commands/decider';
import type { SolveJobCompleted, SolveJobEvent, SolveJobRequest, SolveJobStatus } from '../../../schema/events';

export type SolveJobState =
  | { readonly status: 'ABSENT' }
  | { readonly status: SolveJobStatus; readonly jobId: string; readonly tenantId: string; readonly request: SolveJobRequest; readonly attempt: number };

export type SolveJobCommand =
  | { readonly type: 'SubmitSolveJob'; readonly jobId: string; readonly tenantId: string; readonly request: SolveJobRequest; readonly requestedAt: string }
  /** Also used after a restart: a job found RUNNING is started again from its submission, one attempt later. */
  | { readonly type: 'StartSolveJob'; readonly jobId: string; readonly requestedAt: string }
  | { readonly type: 'CompleteSolveJob'; readonly outcome: SolveJobCompleted['data'] }
  | { readonly type: 'FailSolveJob'; readonly jobId: string; readonly reason: string; readonly retryable: boolean; readonly requestedAt: string }
  | { readonly type: 'CancelSolveJob'; readonly jobId: string; readonly cancelledBy: string; readonly requestedAt: string };

export const solveJobDecider: Decider<SolveJobState, SolveJobCommand, SolveJobEvent> = {
  initialState: () => ({ status: 'ABSENT' }),

  evolve(state, event) {
    if (event.type === 'SolveJobSubmitted') {
      return { status: 'SUBMITTED', jobId: event.data.jobId, tenantId: event.data.tenantId, request: event.data.request, attempt: 0 };
    }
    if (state.status === 'ABSENT') return state;
    switch (event.type) {
      case 'SolveJobStarted':
        return { ...state, status: 'RUNNING', attempt: event.data.attempt };
      case 'SolveJobCompleted':
        return { ...state, status: 'COMPLETED' };
      case 'SolveJobFailed':
        return { ...state, status: 'FAILED' };
      case 'SolveJobCancelled':
        return { ...state, status: 'CANCELLED' };
      default:
        return state;
    }
  },

  decide(command, state) {
    if (command.type === 'SubmitSolveJob') {
      if (state.status !== 'ABSENT') throw new DomainError('CONFLICT', `Solve job ${command.jobId} already exists.`);
      return [{ type: 'SolveJobSubmitted', data: { jobId: command.jobId, tenantId: command.tenantId, request: command.request, submittedAt: command.requestedAt } }];
    }
    const jobId = command.type === 'CompleteSolveJob' ? command.outcome.jobId : command.jobId;
    if (state.status === 'ABSENT') throw new DomainError('NOT_FOUND', `Solve job ${jobId} does not exist.`);
    const finished = state.status === 'COMPLETED' || state.status === 'FAILED' || state.status === 'CANCELLED';
    switch (command.type) {
      case 'StartSolveJob':
        if (finished) return [];
        return [{ type: 'SolveJobStarted', data: { jobId, attempt: state.attempt + 1, startedAt: command.requestedAt } }];
      case 'CompleteSolveJob':
        return state.status === 'RUNNING' ? [{ type: 'SolveJobCompleted', data: command.outcome }] : [];
      case 'FailSolveJob':
        return finished ? [] : [{ type: 'SolveJobFailed', data: { jobId, reason: command.reason, retryable: command.retryable, failedAt: command.requestedAt } }];
      case 'CancelSolveJob':
        if (finished) throw new DomainError('CONFLICT', `Solve job ${jobId} has already ${state.status.toLowerCase()}; there is nothing to cancel.`);
        return [{ type: 'SolveJobCancelled', data: { jobId, cancelledBy: command.cancelledBy, cancelledAt: command.requestedAt } }];
    }
  },
};
