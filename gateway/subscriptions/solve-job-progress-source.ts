import type { EventStore, RecordedEvent } from '../../platform/eventstore/port';
import { SOLVE_JOB_CATEGORY, SOLVE_JOB_TERMINAL_EVENTS, solveJobStreamId, type SolveJobStatus } from '../../schema/events';
import { subscribePaced, type SubscriberPace } from './subscriber-pace';

const STATUS_AFTER: Readonly<Record<string, SolveJobStatus>> = {
  SolveJobSubmitted: 'SUBMITTED',
  SolveJobStarted: 'RUNNING',
  SolveJobProgressed: 'RUNNING',
  SolveJobCompleted: 'COMPLETED',
  SolveJobFailed: 'FAILED',
  SolveJobCancelled: 'CANCELLED',
};

export interface SolveJobProgressMessage {
  readonly jobId: string;
  readonly type: string;
  readonly status: SolveJobStatus;
  readonly attempt?: number;
  readonly bestEnergy?: number;
  readonly elapsedMs?: number;
  readonly fractionOfBudget?: number;
  readonly data: unknown;
}

/** The tenant a job belongs to, from its first event; undefined when there is no such job. */
export async function solveJobTenant(eventStore: EventStore, jobId: string): Promise<string | undefined> {
  const [submitted] = await eventStore.readStream(solveJobStreamId(jobId), { maxCount: 1 });
  return submitted?.metadata.tenantId;
}

/**
 * A job's events from now on, ending with the one that finishes it. A job that has already
 * finished answers with its last event at once, so a late subscriber still learns the outcome.
 * `signal` ends the stream early: its event-store subscription is closed at once.
 */
export async function* solveJobProgress(eventStore: EventStore, job: { readonly jobId: string; readonly tenantId: string }, signal: AbortSignal, pace: SubscriberPace): AsyncGenerator<{ solveJobProgress: SolveJobProgressMessage }> {
  const { jobId, tenantId } = job;
  const streamId = solveJobStreamId(jobId);
  const [latest] = await eventStore.readStream(streamId, { direction: 'backwards', maxCount: 1 });
  if (latest && SOLVE_JOB_TERMINAL_EVENTS.includes(latest.type as never)) {
    yield { solveJobProgress: toMessage(jobId, latest) };
    return;
  }
  const filter = { categories: [SOLVE_JOB_CATEGORY], tenantId };
  const subscription = subscribePaced(eventStore, { after: latest?.position, filter }, signal, pace);
  try {
    for await (const event of subscription) {
      if (event.streamId !== streamId || !STATUS_AFTER[event.type]) continue;
      yield { solveJobProgress: toMessage(jobId, event) };
      if (SOLVE_JOB_TERMINAL_EVENTS.includes(event.type as never)) return;
    }
  } finally {
    await subscription.close();
  }
}

function toMessage(jobId: string, event: RecordedEvent): SolveJobProgressMessage {
  const data = event.data as { attempt?: number; bestEnergy?: number; elapsedMs?: number; fractionOfBudget?: number };
  return {
    jobId,
    type: event.type,
    status: STATUS_AFTER[event.type],
    attempt: data.attempt,
    bestEnergy: data.bestEnergy,
    elapsedMs: data.elapsedMs,
    fractionOfBudget: event.type === 'SolveJobCompleted' ? 1 : data.fractionOfBudget,
    data: event.data,
  };
}
