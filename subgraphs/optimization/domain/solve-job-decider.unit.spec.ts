import { deciderSpec } from '../../../test/support/decider-spec';
import type { SolveJobEvent, SolveJobRequest } from '../../../schema/events';
import { solveJobDecider } from './solve-job-decider';

const spec = deciderSpec(solveJobDecider);
const at = '2026-11-26T10:00:00.000Z';
const request: SolveJobRequest = {
  problemId: null,
  qubo: { variables: ['a'], linear: [{ variable: 'a', coefficient: -1 }], quadratic: [], offset: 0, sense: 'minimize' },
  constraints: [],
  strategy: 'auto',
  timeLimitMs: 100,
  seed: 1,
  numSamples: 1,
};
const submitted: SolveJobEvent = { type: 'SolveJobSubmitted', data: { jobId: 'j1', tenantId: 't1', request, submittedAt: at } };
const started = (attempt: number): SolveJobEvent => ({ type: 'SolveJobStarted', data: { jobId: 'j1', attempt, startedAt: at } });
const completed: SolveJobEvent = {
  type: 'SolveJobCompleted',
  data: { jobId: 'j1', strategy: 'tabu', bestEnergy: -1, bestObjective: -1, feasible: true, bestAssignment: '1', variableNames: ['a'], timeToBestMs: 1, totalTimeMs: 2, flipsAttempted: 3, stoppedBy: 'time', completedAt: at },
};
const cancel = { type: 'CancelSolveJob', jobId: 'j1', cancelledBy: 'ada', requestedAt: at } as const;

describe('solve job decider', () => {
  it('submits a job once', () => {
    spec.given([]).when({ type: 'SubmitSolveJob', jobId: 'j1', tenantId: 't1', request, requestedAt: at }).then([submitted]);
    spec.given([submitted]).when({ type: 'SubmitSolveJob', jobId: 'j1', tenantId: 't1', request, requestedAt: at }).thenRejects('CONFLICT');
  });

  it('starts a submitted job as attempt 1, and a job left running by a restart as the next attempt', () => {
    spec.given([submitted]).when({ type: 'StartSolveJob', jobId: 'j1', requestedAt: at }).then([started(1)]);
    spec.given([submitted, started(1)]).when({ type: 'StartSolveJob', jobId: 'j1', requestedAt: at }).then([started(2)]);
  });

  it('completes only a running job; a job cancelled meanwhile stays cancelled', () => {
    spec.given([submitted, started(1)]).when({ type: 'CompleteSolveJob', outcome: completed.data as never }).then([completed]);
    const cancelled: SolveJobEvent = { type: 'SolveJobCancelled', data: { jobId: 'j1', cancelledBy: 'ada', cancelledAt: at } };
    spec.given([submitted, started(1), cancelled]).when({ type: 'CompleteSolveJob', outcome: completed.data as never }).then([]);
  });

  it('cancels a submitted or running job, and refuses to cancel a finished one', () => {
    spec.given([submitted, started(1)]).when(cancel).then([{ type: 'SolveJobCancelled', data: { jobId: 'j1', cancelledBy: 'ada', cancelledAt: at } }]);
    spec.given([submitted, started(1), completed]).when(cancel).thenRejects('CONFLICT', /completed/);
  });

  it('refuses commands for a job that does not exist', () => {
    spec.given([]).when(cancel).thenRejects('NOT_FOUND');
  });
});
