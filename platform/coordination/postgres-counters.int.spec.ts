import { isCounterRefusal } from './counters';
import { postgresTestUrl, useCounterReplicas } from '../../test/support/postgres-test-database';

const describeWithPostgres = postgresTestUrl ? describe : describe.skip;

describeWithPostgres('PostgreSQL counters', () => {
  const replicas = useCounterReplicas('counters');

  it('given two replicas, when each spends from one budget, then the budget is spent once between them', async () => {
    const [first, second] = replicas().map((replica) => replica.counters({ keyPrefix: 'shared-budget', points: 3, durationSeconds: 60 }));
    await first!.consume('alice', 2);
    await second!.consume('alice', 1);
    const refusal = await first!.consume('alice', 1).catch((error: unknown) => error);
    expect(isCounterRefusal(refusal)).toBe(true);
    expect((await second!.get('alice'))?.consumedPoints).toBe(4);
    await second!.consume('bob', 3);
  });

  it('given keys a database column would refuse (a NUL byte, a thousand characters), then they count like any other', async () => {
    const counter = replicas()[0]!.counters({ keyPrefix: 'odd-keys', points: 1, durationSeconds: 60 });
    for (const key of ['tenant\u0000alice', 'x'.repeat(1000)]) {
      await counter.consume(key);
      expect(isCounterRefusal(await counter.consume(key).catch((error: unknown) => error))).toBe(true);
    }
  });

  it('given two counters with different prefixes, then their keys count apart', async () => {
    const users = replicas()[0]!.counters({ keyPrefix: 'apart-users', points: 1, durationSeconds: 60 });
    const clients = replicas()[1]!.counters({ keyPrefix: 'apart-clients', points: 1, durationSeconds: 60 });
    await users.consume('10.0.0.1');
    await clients.consume('10.0.0.1');
    expect(await users.delete('10.0.0.1')).toBe(true);
    expect((await clients.get('10.0.0.1'))?.consumedPoints).toBe(1);
  });
});
