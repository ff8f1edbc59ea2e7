import { ReadQueryTimeoutError } from '../read-query-timeout-error';

/** Milliseconds from a monotonic clock. */
export type Clock = () => number;

/**
 * A query's time budget on SQLite. better-sqlite3 runs a statement synchronously on the event loop
 * and cannot interrupt it, so the budget is enforced around statements instead of inside them: each
 * statement is measured and the query throws once one has taken it past the budget (after the
 * fact: the result is dropped), and a further statement starts only while budget remains.
 */
export class StatementBudget {
  private readonly startedAt: number;

  constructor(
    private readonly maxTimeMs: number | undefined,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock();
  }

  run<R>(statement: () => R): R {
    if (this.maxTimeMs === undefined) return statement();
    if (this.elapsed() >= this.maxTimeMs) throw new ReadQueryTimeoutError(this.maxTimeMs);
    const result = statement();
    if (this.elapsed() > this.maxTimeMs) throw new ReadQueryTimeoutError(this.maxTimeMs);
    return result;
  }

  private elapsed(): number {
    return this.clock() - this.startedAt;
  }
}
