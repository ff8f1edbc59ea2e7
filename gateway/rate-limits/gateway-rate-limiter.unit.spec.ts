import { registeredValue } from '../../test/support/metric-series';
import { createGatewayRateLimiter } from './gateway-rate-limiter';

describe('createGatewayRateLimiter', () => {
  const settings = { userPoints: 2, tenantPoints: 0, operationPoints: 5, durationSeconds: 10, maxChargedSolveMs: 10_000 };

  it('refuses once a budget is spent, naming it and a whole-second retry', async () => {
    const limiter = createGatewayRateLimiter(settings);
    const keys = [{ scope: 'user', key: 'alice', points: 1 }, { scope: 'tenant', key: 't-1', points: 1 }] as const;
    expect(await limiter.consume(keys)).toBeUndefined();
    expect(await limiter.consume(keys)).toBeUndefined();
    const refusal = await limiter.consume(keys);
    expect(refusal).toMatchObject({ scope: 'user', key: 'alice', points: 2, durationSeconds: 10 });
    expect(refusal!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refusal!.retryAfterSeconds).toBeLessThanOrEqual(10);
    expect(await limiter.consume([{ scope: 'user', key: 'bob', points: 1 }])).toBeUndefined();
  });

  it('counts each refusal in goliath_rate_limit_refusals_total by the budget that ran out', async () => {
    const limiter = createGatewayRateLimiter(settings);
    const before = await registeredValue('goliath_rate_limit_refusals_total', { scope: 'user' });
    for (let request = 0; request < 4; request++) await limiter.consume([{ scope: 'user', key: 'carol', points: 1 }]);
    expect(await registeredValue('goliath_rate_limit_refusals_total', { scope: 'user' })).toBe(before + 2);
  });

  it('takes as many points as a key costs: one costly request can spend a budget', async () => {
    const limiter = createGatewayRateLimiter(settings);
    expect(await limiter.consume([{ scope: 'operation', key: 'mutation.optimizeQubo', points: 4 }])).toBeUndefined();
    expect(await limiter.consume([{ scope: 'operation', key: 'mutation.optimizeQubo', points: 4 }])).toMatchObject({ scope: 'operation', points: 5 });
  });

  it('treats 0 points as no limit for that scope', async () => {
    const limiter = createGatewayRateLimiter(settings);
    for (let request = 0; request < 20; request++) expect(await limiter.consume([{ scope: 'tenant', key: 't-1', points: 1 }])).toBeUndefined();
  });

  it('lets a store failure surface instead of reading it as a refusal', async () => {
    const failing = () => ({ consume: () => Promise.reject(new Error('store down')) });
    await expect(createGatewayRateLimiter(settings, failing).consume([{ scope: 'user', key: 'alice', points: 1 }])).rejects.toThrow('store down');
  });
});
