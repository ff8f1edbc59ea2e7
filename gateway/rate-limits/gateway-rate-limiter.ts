import type { RateLimitSettings } from '../../platform/config';
import { isRateLimiterRefusal, memoryCounter, type RateLimitCounter, type RateLimitCounterFactory } from './rate-limit-counter';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { AuthContext } from '../../platform/auth/auth-context';
import { rateLimitKeys, type RateLimitKey, type RateLimitScope } from './rate-limit-keys';
import { rateLimitRefusals } from '../../platform/metrics/metrics';

/** Why a request was refused: which budget ran out and when it refills. */
export interface RateLimitRefusal {
  readonly scope: RateLimitScope;
  readonly key: string;
  readonly points: number;
  readonly durationSeconds: number;
  readonly retryAfterSeconds: number;
}

export interface GatewayRateLimiter {
  /** Spends each key's points from its budget; the first exhausted one is returned, else undefined. */
  consume(keys: readonly RateLimitKey[]): Promise<RateLimitRefusal | undefined>;
  /** Charges one operation of a caller (rate-limit-keys.ts prices it), over HTTP or the WebSocket alike. */
  chargeOperation(auth: AuthContext, operation: OperationDefinitionNode, document: DocumentNode, variables?: Readonly<Record<string, unknown>>): Promise<RateLimitRefusal | undefined>;
}

export function createGatewayRateLimiter(settings: RateLimitSettings, counterFor: RateLimitCounterFactory = memoryCounter): GatewayRateLimiter {
  const pointsPerScope: Record<RateLimitScope, number> = {
    user: settings.userPoints,
    tenant: settings.tenantPoints,
    operation: settings.operationPoints,
  };
  const counters = new Map<RateLimitScope, RateLimitCounter>();
  for (const [scope, points] of Object.entries(pointsPerScope) as [RateLimitScope, number][]) {
    // 0 points means that limit is off, not that every request is refused.
    if (points > 0) counters.set(scope, counterFor({ keyPrefix: `goliath-rate-${scope}`, points, durationSeconds: settings.durationSeconds }));
  }
  const limiter: GatewayRateLimiter = {
    chargeOperation: (auth, operation, document, variables) => limiter.consume(rateLimitKeys(auth, operation, document, variables, settings.maxChargedSolveMs)),
    async consume(keys) {
      for (const { scope, key, points } of keys) {
        const counter = counters.get(scope);
        if (!counter) continue;
        try {
          await counter.consume(key, points);
        } catch (error) {
          if (!isRateLimiterRefusal(error)) throw error;
          rateLimitRefusals.inc({ scope });
          return {
            scope,
            key,
            points: pointsPerScope[scope],
            durationSeconds: settings.durationSeconds,
            // Whole seconds, as Retry-After needs; never 0, which would invite an immediate retry.
            retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
          };
        }
      }
      return undefined;
    },
  };
  return limiter;
}
