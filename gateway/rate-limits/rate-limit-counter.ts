import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * The one call the gateway makes on a limiter. Every rate-limiter-flexible limiter
 * (`RateLimiterRedis`, `RateLimiterMongo`, …) has it, so a shared store replaces the in-memory
 * one without touching the gateway: consume resolves while points remain and rejects with a
 * `RateLimiterRes` once they are spent.
 */
export interface RateLimitCounter {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
}

/** Builds the counter for one scope; `keyPrefix` keeps the scopes apart in a shared store. */
export type RateLimitCounterFactory = (options: { keyPrefix: string; points: number; durationSeconds: number }) => RateLimitCounter;

/** Counts in this process only: right for the embedded platform and a single gateway. */
export const memoryCounter: RateLimitCounterFactory = ({ keyPrefix, points, durationSeconds }) =>
  new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds });

export { isCounterRefusal as isRateLimiterRefusal } from '../../platform/coordination/counters';
