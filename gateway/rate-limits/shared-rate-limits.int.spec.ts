import { randomUUID } from 'node:crypto';
import { openPostgresCounters, type PostgresCounters } from '../../platform/coordination/postgres-counters';
import { dropTestSchema, postgresTestUrl } from '../../test/support/postgres-test-database';
import { createGatewayRateLimiter } from './gateway-rate-limiter';

const describeWithPostgres = postgresTestUrl ? describe : describe.skip;

describeWithPostgres('rate limits shared by two gateways on PostgreSQL', () => {
  const schema = `rate_limits_${randomUUID().slice(0, 8)}`;
  const settings = { userPoints: 3, tenantPoints: 0, operationPoints: 0, durationSeconds: 60, maxChargedSolveMs: 10_000 };
  let replicas: PostgresCounters[];
  beforeAll(async () => {
    replicas = await Promise.all([0, 1].map(() => openPostgresCounters({ connectionString: postgresTestUrl!, schema })));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await dropTestSchema(schema);
  });

  it('given a caller spreading requests over two gateways, when the budget is spent on one, then the other refuses too', async () => {
    const [first, second] = replicas.map((replica) => createGatewayRateLimiter(settings, replica.counters));
    const alice = [{ scope: 'user', key: 'alice', points: 1 }] as const;
    expect(await first!.consume(alice)).toBeUndefined();
    expect(await second!.consume(alice)).toBeUndefined();
    expect(await first!.consume(alice)).toBeUndefined();
    expect(await second!.consume(alice)).toMatchObject({ scope: 'user', key: 'alice', points: 3 });
    expect(await first!.consume([{ scope: 'user', key: 'bob', points: 1 }])).toBeUndefined();
  });
});
