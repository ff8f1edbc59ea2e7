import { ReadQueryTimeoutError } from '../read-query-timeout-error';

/** The server's error code when an operation outlives its maxTimeMS (MaxTimeMSExpired). */
const MAX_TIME_MS_EXPIRED = 50;

/** The driver option for a checked budget; the server takes whole milliseconds, and 0 would mean no limit. */
export function maxTimeOption(maxTimeMs: number | undefined): { maxTimeMS?: number } {
  return maxTimeMs === undefined ? {} : { maxTimeMS: Math.max(1, Math.ceil(maxTimeMs)) };
}

/** Runs the query, turning the server's time-out into ReadQueryTimeoutError. */
export async function withinBudget<R>(maxTimeMs: number | undefined, query: () => Promise<R>): Promise<R> {
  try {
    return await query();
  } catch (error) {
    if (maxTimeMs !== undefined && (error as { code?: unknown }).code === MAX_TIME_MS_EXPIRED) throw new ReadQueryTimeoutError(maxTimeMs);
    throw error;
  }
}
