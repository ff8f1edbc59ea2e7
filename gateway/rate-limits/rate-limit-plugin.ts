import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../platform/errors';
import type { GatewayContext } from '../gateway-context';
import type { GatewayRateLimiter, RateLimitRefusal } from './gateway-rate-limiter';

/**
 * Charges every authenticated operation to its caller's, tenant's and root fields' budgets
 * once the operation is known, before any subgraph is called. Unauthenticated operations are
 * left to the authentication plugin, which refuses them in the same hook.
 */
export function rateLimitPlugin(limiter: GatewayRateLimiter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, request }) {
          if (!contextValue.auth || !operation) return;
          const refusal = await limiter.chargeOperation(contextValue.auth, operation, document, request.variables);
          if (refusal) throw rateLimited(refusal);
        },
      };
    },
  };
}

/** RATE_LIMITED with HTTP 429 and Retry-After, naming the budget that ran out. */
export function rateLimited(refusal: RateLimitRefusal): GraphQLError {
  const what = refusal.scope === 'operation' ? `operation ${refusal.key}` : refusal.scope;
  return new GraphQLError(
    `Too many requests for this ${what}: the limit is ${refusal.points} per ${refusal.durationSeconds} s. Retry in ${refusal.retryAfterSeconds} s.`,
    {
      extensions: {
        code: ErrorCode.RateLimited,
        retryAfterSeconds: refusal.retryAfterSeconds,
        rateLimit: {
          scope: refusal.scope,
          points: refusal.points,
          durationSeconds: refusal.durationSeconds,
          // The caller's own subject and tenant are no news to them; the root field is.
          ...(refusal.scope === 'operation' && { operation: refusal.key }),
        },
        http: { status: 429, headers: new HeaderMap([['retry-after', String(refusal.retryAfterSeconds)]]) },
      },
    },
  );
}
