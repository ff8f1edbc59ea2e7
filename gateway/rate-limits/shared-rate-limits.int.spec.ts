import { postgresTestUrl, useCounterReplicas } from '../../test/support/postgres-test-database';
import { createGatewayRateLimiter } from './gateway-rate-limiter';

const describeWithPostgres = postgresTestUrl ? describe : describe.skip;

describeWithPostgres('rate limits shared by two gateways on PostgreSQL', () => {
  const settings = { userPoints: 3, tenantPoints: 0, operationPoints: 0, durationSeconds: 60, maxChargedSolveMs: 10_000 };
  const replicas = useCounterReplicas('rate_limits');

  it('given a caller spreading requests over two gateways, when the budget is spent on one, then the other refuses too', async () => {
    const [first, second] = replicas().map((replica) => createGatewayRateLimiter(settings, replica.counters));
    const alice = [{ scope: 'user', key: 'alice', points: 1 }] as const;
    expect(await first!.consume(alice)).toBeUndefined();
    expect(await second!.consume(alice)).toBeUndefined();
    expect(await first!.consume(alice)).toBeUndefined();
    expect(await second!.consume(alice)).toMatchObject({ scope: 'user', key: 'alice', points: 3 });
    expect(await first!.consume([{ scope: 'user', key: 'bob', points: 1 }])).toBeUndefined();
  });
});
