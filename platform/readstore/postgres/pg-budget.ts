import type { Pool } from 'pg';
import { ReadQueryTimeoutError } from '../read-query-timeout-error';
import type { SqlFragment } from './pg-query';
import { inTransaction, run } from './pg-transaction';

/** SQLSTATE query_canceled: what a statement that outlives statement_timeout fails with. */
const QUERY_CANCELED = '57014';

/**
 * Runs one read statement. With a time budget it runs in a read-only transaction whose
 * statement_timeout is the budget (SET LOCAL: the pooled connection keeps no trace of it), and
 * PostgreSQL cancels it once the budget is spent: the cancellation becomes ReadQueryTimeoutError.
 */
export async function readRows<R>(pool: Pool, statement: SqlFragment, maxTimeMs: number | undefined): Promise<R[]> {
  if (maxTimeMs === undefined) return run<R>(pool, statement);
  try {
    return await inTransaction(pool, (client) => run<R>(client, statement), beginWithTimeout(maxTimeMs));
  } catch (error) {
    throw asTimeout(error, maxTimeMs);
  }
}

/** A checked budget (finite, above 0) is written into the statement: SET takes no parameters. */
export function beginWithTimeout(maxTimeMs: number): string {
  return `BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.ceil(maxTimeMs))}`;
}

export function asTimeout(error: unknown, maxTimeMs: number): unknown {
  return (error as { code?: unknown } | null)?.code === QUERY_CANCELED ? new ReadQueryTimeoutError(maxTimeMs) : error;
}
