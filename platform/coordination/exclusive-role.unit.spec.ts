import { createLogger } from '../logging';
import { eventually } from '../../test/support/eventually';
import { runWhileHolding, type ExclusiveRole } from './exclusive-role';
import { localLocks, type HeldLock, type Locks } from './locks';

const logger = createLogger('exclusive-role-spec', 'silent');
const retryMs = 5;

/** Work that records whether it runs. */
function work() {
  const state = { running: false, starts: 0, stops: 0 };
  const start = async () => {
    state.running = true;
    state.starts += 1;
    return async () => {
      state.running = false;
      state.stops += 1;
    };
  };
  return { state, start };
}

/** Locks whose held lock a test can lose, as a dropped connection would. */
function losableLocks(): Locks & { loseHeld(): void } {
  const inner = localLocks();
  let loseCurrent: (() => void) | undefined;
  return {
    async tryAcquire(name) {
      const lock = await inner.tryAcquire(name);
      if (!lock) return undefined;
      let lose!: (error: Error) => void;
      const lost = new Promise<Error>((resolve) => (lose = resolve));
      loseCurrent = () => {
        void lock.release();
        lose(new Error('connection terminated'));
      };
      const held: HeldLock = { lost, release: () => lock.release() };
      return held;
    },
    close: () => inner.close(),
    loseHeld: () => loseCurrent?.(),
  };
}

describe('runWhileHolding', () => {
  const roles: ExclusiveRole[] = [];
  afterEach(async () => {
    for (const role of roles.splice(0)) await role.stop();
  });
  const hold = async (...args: Parameters<typeof runWhileHolding>) => {
    const role = await runWhileHolding(...args);
    roles.push(role);
    return role;
  };

  it('given a free lock, when a process asks, then the work has started when it returns', async () => {
    const { state, start } = work();
    const role = await hold(localLocks(), 'projections', start, logger, { retryMs });
    expect([role.holding(), state.running]).toEqual([true, true]);
  });

  it('given two holders of one name, then only one runs the work, and the other takes over once the first stops', async () => {
    const locks = localLocks();
    const first = work();
    const second = work();
    const firstRole = await hold(locks, 'background:scaling', first.start, logger, { retryMs });
    const secondRole = await hold(locks, 'background:scaling', second.start, logger, { retryMs });
    expect([first.state.running, second.state.running, secondRole.holding()]).toEqual([true, false, false]);
    await firstRole.stop();
    expect(first.state).toEqual({ running: false, starts: 1, stops: 1 });
    await eventually(() => expect(second.state.running).toBe(true));
  });

  it('given a held lock, when it is lost, then the work stops and starts again once the lock is taken again', async () => {
    const locks = losableLocks();
    const { state, start } = work();
    const role = await hold(locks, 'projections', start, logger, { retryMs });
    locks.loseHeld();
    await eventually(() => expect(state.stops).toBe(1));
    await eventually(() => expect(state.starts).toBe(2));
    expect([state.running, role.holding()]).toEqual([true, true]);
  });

  it('given work that fails to start, then the lock is released for another holder and this one tries again', async () => {
    const locks = localLocks();
    let attempts = 0;
    const failing = async (): Promise<() => Promise<void>> => {
      attempts += 1;
      throw new Error('read store down');
    };
    const role = await hold(locks, 'projections', failing, logger, { retryMs });
    expect(role.holding()).toBe(false);
    await eventually(() => expect(attempts).toBeGreaterThan(1));
    await role.stop();
    expect(await locks.tryAcquire('projections')).toBeDefined();
  });

  it('given a stopped role, then its work stops, the lock is free and it is not taken again', async () => {
    const locks = localLocks();
    const { state, start } = work();
    const role = await hold(locks, 'projections', start, logger, { retryMs });
    await role.stop();
    expect([state.running, role.holding()]).toEqual([false, false]);
    const taken = await locks.tryAcquire('projections');
    expect(taken).toBeDefined();
    await taken!.release();
    await new Promise((resolve) => setTimeout(resolve, retryMs * 4));
    expect(state.starts).toBe(1);
  });
});
