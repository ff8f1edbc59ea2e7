import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createLogger } from '../logging';
import { eventually } from '../../test/support/eventually';
import { postgresTestUrl } from '../../test/support/postgres-test-database';
import { runWhileHolding, type ExclusiveRole } from './exclusive-role';
import { localLocks, type Locks } from './locks';
import { postgresLocks } from './postgres-locks';

const logger = createLogger('locks-spec', 'silent');
const postgresUrl = postgresTestUrl;
const describeWithPostgres = postgresUrl ? describe : describe.skip;
const retryMs = 50;

/** What every Locks adapter must do; `replicas` opens the locks of two processes sharing one store. */
function locksContract(adapter: string, replicas: () => [Locks, Locks]) {
  describe(`${adapter} locks`, () => {
    let locks: [Locks, Locks];
    const name = () => `contract-${randomUUID()}`;
    beforeEach(() => {
      locks = replicas();
    });
    afterEach(async () => {
      await Promise.all(locks.map((each) => each.close()));
    });

    it('given a held lock, when another holder asks for it, then it gets nothing until the lock is released', async () => {
      const lock = name();
      const first = await locks[0].tryAcquire(lock);
      expect(first).toBeDefined();
      expect(await locks[1].tryAcquire(lock)).toBeUndefined();
      await first!.release();
      const second = await locks[1].tryAcquire(lock);
      expect(second).toBeDefined();
      await second!.release();
    });

    it('given a held lock, when another holder in the same process asks for it, then it gets nothing', async () => {
      const lock = name();
      const first = await locks[0].tryAcquire(lock);
      expect(await locks[0].tryAcquire(lock)).toBeUndefined();
      await first!.release();
    });

    it('given a held lock, when a lock of another name is asked for, then it is granted', async () => {
      const first = await locks[0].tryAcquire(name());
      const other = await locks[1].tryAcquire(name());
      expect([first, other].every(Boolean)).toBe(true);
      await Promise.all([first!.release(), other!.release()]);
    });

    it('given two replicas running the same work while holding its lock, then only one runs it', async () => {
      const lock = name();
      const running = [false, false];
      const roles: ExclusiveRole[] = [];
      for (const replica of [0, 1]) {
        roles.push(
          await runWhileHolding(locks[replica]!, lock, async () => {
            running[replica] = true;
            return async () => {
              running[replica] = false;
            };
          }, logger, { retryMs }),
        );
      }
      expect(running).toEqual([true, false]);
      await roles[0]!.stop();
      await eventually(() => expect(running).toEqual([false, true]));
      await roles[1]!.stop();
    });
  });
}

const shared = localLocks();
locksContract('in-process', () => [shared, shared]);

describeWithPostgres('PostgreSQL advisory locks', () => {
  const schema = `locks_${randomUUID().slice(0, 8)}`;
  const open = () => postgresLocks({ connectionString: postgresUrl!, schema, probeIntervalMs: 200 });
  locksContract('PostgreSQL', () => [open(), open()]);

  it('given a replica holding the lock, when its database session is killed, then the other takes over and the first stops its work', async () => {
    const replicas = [open(), open()];
    const lock = `takeover-${randomUUID()}`;
    const running = [false, false];
    const roles = await Promise.all(
      [0, 1].map((replica) =>
        runWhileHolding(replicas[replica]!, lock, async () => {
          running[replica] = true;
          return async () => {
            running[replica] = false;
          };
        }, logger, { retryMs: 100 }),
      ),
    );
    const holder = running.indexOf(true);
    expect(running.filter(Boolean)).toHaveLength(1);
    const admin = new Client({ connectionString: postgresUrl });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        `SELECT pg_terminate_backend(locks.pid) FROM pg_locks locks JOIN pg_stat_activity activity ON activity.pid = locks.pid
          WHERE locks.locktype = 'advisory' AND locks.granted AND activity.application_name = $1`,
        [`goliath lock ${lock}`.slice(0, 63)],
      );
      expect(rowCount).toBe(1);
      await eventually(() => expect(running[1 - holder]).toBe(true));
      await eventually(() => expect(running[holder]).toBe(false));
    } finally {
      await admin.end();
      await Promise.all(roles.map((role) => role.stop()));
      await Promise.all(replicas.map((each) => each.close()));
    }
  });
});
