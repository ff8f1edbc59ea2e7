import { loadConfig } from '../../../../platform/config';
import { postgresTestUrl, useCounterReplicas } from '../../../../test/support/postgres-test-database';
import { BruteForceGuard } from './brute-force-guard';

const describeWithPostgres = postgresTestUrl ? describe : describe.skip;

describeWithPostgres('brute-force guard over two replicas on PostgreSQL', () => {
  const settings = { ...loadConfig({}).signIn, slowDownAfterFailures: 10, userLockoutFailures: 3, clientLockoutFailures: 100, lockoutSeconds: 60 };
  const noWait = async () => undefined;
  const replicas = useCounterReplicas('lockouts');

  it('given failures spread over two replicas, when they reach the lockout, then both refuse the user until a success clears it', async () => {
    const [first, second] = replicas().map((replica) => new BruteForceGuard(settings, replica.counters, noWait));
    const alice = { tenantId: 't1', username: 'alice' };
    await first!.recordFailure(alice);
    await second!.recordFailure(alice);
    await expect(first!.beforeAttempt(alice)).resolves.toBeUndefined();
    await first!.recordFailure(alice);
    await expect(second!.beforeAttempt(alice)).rejects.toMatchObject({ extensions: { code: 'ACCOUNT_LOCKED' } });
    await expect(first!.beforeAttempt({ tenantId: 't1', username: 'bob' })).resolves.toBeUndefined();
  });
});
