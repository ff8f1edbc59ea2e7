import { loadConfig } from '../../../../platform/config';
import { memoryCounters } from '../../../../platform/coordination/counters';
import { BruteForceGuard } from './brute-force-guard';

describe('brute-force guard', () => {
  const settings = { ...loadConfig({}).signIn, slowDownAfterFailures: 2, userLockoutFailures: 4, clientLockoutFailures: 6, lockoutSeconds: 60 };
  let waits: number[];
  let guard: BruteForceGuard;
  beforeEach(() => {
    waits = [];
    guard = new BruteForceGuard(settings, memoryCounters, async (ms) => {
      waits.push(ms);
    });
  });
  const alice = { tenantId: 't1', username: 'alice', clientAddress: '10.0.0.1' };
  const failTimes = async (attempt: typeof alice, times: number) => {
    for (let i = 0; i < times; i++) {
      await guard.beforeAttempt(attempt);
      await guard.recordFailure(attempt);
    }
  };

  it('lets the first attempts through at once, then slows down, doubling the wait', async () => {
    await failTimes(alice, 4);
    expect(waits).toEqual([250, 500]);
  });

  it('locks a user after the configured failures, with a retry-after hint, also for another spelling', async () => {
    await failTimes(alice, 4);
    const error = await guard.beforeAttempt({ ...alice, username: 'ALICE', clientAddress: '10.0.0.2' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ extensions: { code: 'ACCOUNT_LOCKED', retryAfterSeconds: expect.any(Number) } });
  });

  it('locks a client address that sprays passwords over many users', async () => {
    for (let i = 0; i < 6; i++) await guard.recordFailure({ tenantId: 't1', username: `user-${i}`, clientAddress: '10.0.0.9' });
    await expect(guard.beforeAttempt({ tenantId: 't1', username: 'fresh', clientAddress: '10.0.0.9' })).rejects.toMatchObject({ extensions: { code: 'ACCOUNT_LOCKED' } });
    await expect(guard.beforeAttempt({ tenantId: 't1', username: 'fresh', clientAddress: '10.0.0.10' })).resolves.toBeUndefined();
  });

  it('slows a spraying address down halfway to its lock, whoever it tries', async () => {
    for (let i = 0; i < 4; i++) await guard.recordFailure({ tenantId: 't1', username: `user-${i}`, clientAddress: '10.0.0.7' });
    await guard.beforeAttempt({ tenantId: 't1', username: 'fresh', clientAddress: '10.0.0.7' });
    expect(waits).toEqual([500]);
  });

  it("clears a user's failures on success", async () => {
    await failTimes(alice, 3);
    await guard.recordSuccess(alice);
    waits = [];
    await guard.beforeAttempt({ ...alice, clientAddress: undefined as unknown as string });
    expect(waits).toEqual([]);
  });

  it('lets a counter store failure surface instead of reading it as a lock already set', async () => {
    const failing = () => ({ consume: () => Promise.reject(new Error('store down')), get: async () => null, delete: async () => false });
    await expect(new BruteForceGuard(settings, failing).recordFailure(alice)).rejects.toThrow('store down');
  });

  it('keeps tenants apart', async () => {
    await failTimes(alice, 4);
    await expect(guard.beforeAttempt({ ...alice, tenantId: 't2', clientAddress: '10.0.0.3' })).resolves.toBeUndefined();
  });
});
