/** A job waiting for a runner's slot: whose it is and when it was submitted (the log's order). */
export interface WaitingJob {
  readonly jobId: string;
  readonly tenantId: string;
  readonly submittedAt: number;
}

export interface FairQueueLimits {
  /** Jobs a tenant may have running on this runner at once: its solver allowance. */
  readonly capOf: (tenantId: string) => number;
}

/**
 * The next job to start, fair across tenants: never a tenant at its running cap; among the rest,
 * the tenant with the fewest jobs running, then the one served longest ago, then the oldest
 * submission. So one tenant's long jobs cannot keep another tenant's short one waiting for a slot,
 * and a tenant's own jobs still run first in, first out. Pure, so it is tested without a runner.
 */
export function nextFairJob(
  waiting: Iterable<WaitingJob>,
  running: ReadonlyMap<string, number>,
  lastServed: ReadonlyMap<string, number>,
  limits: FairQueueLimits,
): WaitingJob | undefined {
  let best: WaitingJob | undefined;
  let bestKey: readonly number[] | undefined;
  for (const job of waiting) {
    const runningNow = running.get(job.tenantId) ?? 0;
    if (runningNow >= limits.capOf(job.tenantId)) continue;
    const key = [runningNow, lastServed.get(job.tenantId) ?? -Infinity, job.submittedAt];
    if (!bestKey || isBefore(key, bestKey)) {
      best = job;
      bestKey = key;
    }
  }
  return best;
}

function isBefore(a: readonly number[], b: readonly number[]): boolean {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index] < b[index];
  return false;
}
