import { nextFairJob, type WaitingJob } from './fair-queue';

const job = (jobId: string, tenantId: string, submittedAt: number): WaitingJob => ({ jobId, tenantId, submittedAt });
const limits = { capOf: () => 1 };

describe('nextFairJob', () => {
  it("gives a free slot to another tenant's short job rather than a busy tenant's next long one", () => {
    // given tenant A running one job with two more queued first, and tenant B's job queued last
    const waiting = [job('a2', 'A', 2), job('a3', 'A', 3), job('b1', 'B', 4)];
    // when the next job is picked, then it is B's
    expect(nextFairJob(waiting, new Map([['A', 1]]), new Map(), limits)?.jobId).toBe('b1');
  });

  it('never exceeds a tenant’s running cap (its own allowance), even with idle slots', () => {
    expect(nextFairJob([job('a2', 'A', 2)], new Map([['A', 1]]), new Map(), limits)).toBeUndefined();
    expect(nextFairJob([job('a2', 'A', 2)], new Map([['A', 1]]), new Map(), { capOf: () => 2 })?.jobId).toBe('a2');
    expect(nextFairJob([job('a2', 'A', 2), job('b1', 'B', 3)], new Map([['A', 1]]), new Map(), { capOf: (tenant) => (tenant === 'A' ? 2 : 0) })?.jobId).toBe('a2');
  });

  it('takes turns between tenants with nothing running, then runs each tenant’s jobs in submission order', () => {
    const waiting = [job('a1', 'A', 1), job('a2', 'A', 2), job('b1', 'B', 3)];
    expect(nextFairJob(waiting, new Map(), new Map([['A', 10], ['B', 5]]), limits)?.jobId).toBe('b1');
    expect(nextFairJob(waiting, new Map(), new Map([['A', 5], ['B', 10]]), limits)?.jobId).toBe('a1');
    expect(nextFairJob([job('a2', 'A', 2), job('a1', 'A', 1)], new Map(), new Map(), limits)?.jobId).toBe('a1');
  });
});
