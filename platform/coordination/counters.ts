import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Points spent per key over a window (rate limits, failed sign-ins), in rate-limiter-flexible's
 * terms: `consume` rejects with a `RateLimiterRes` once the points are spent. Every process that
 * opens a counter with the same prefix on a shared store counts against the same budget.
 */
export interface Counter {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  delete(key: string): Promise<boolean>;
}

export interface CounterOptions {
  /** Keeps counters apart in a shared store. */
  readonly keyPrefix: string;
  readonly points: number;
  readonly durationSeconds: number;
  /** How long a key stays refused once its points are spent; 0 (default) until the window ends. */
  readonly blockDurationSeconds?: number;
}

export type Counters = (options: CounterOptions) => Counter;

/** Counts in this process only: right for the embedded platform and a single replica. */
export const memoryCounters: Counters = ({ keyPrefix, points, durationSeconds, blockDurationSeconds }) =>
  new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds, blockDuration: blockDurationSeconds });

/** Tells a spent budget apart from a store failure, which must surface as an error. */
export function isCounterRefusal(error: unknown): error is RateLimiterRes {
  return error instanceof RateLimiterRes;
}
