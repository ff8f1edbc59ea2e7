import { compileFromTerms, type PairTerm } from './compiled-qubo';
import { Xoshiro128 } from './prng';
import { solveQubo } from './solve-qubo';
import { SolverPool } from './solver-pool';

function ringQubo(n: number): ReturnType<typeof compileFromTerms> {
  const rng = new Xoshiro128(9);
  const pairs: PairTerm[] = [];
  for (let i = 0; i < n; i++) pairs.push({ i, j: (i + 1) % n, value: rng.nextInt(9) - 4 }, { i, j: (i + 7) % n, value: rng.nextInt(9) - 4 });
  return compileFromTerms(n, Array.from({ length: n }, () => rng.nextInt(5) - 2), pairs);
}

describe('SolverPool', () => {
  it('given a running solve, when the pool grows and then shrinks, then the solve completes with the same samples as without resizing', async () => {
    const qubo = ringQubo(300);
    const options = { strategy: 'SA' as const, seed: 5, restarts: 12, sweeps: 30_000 };
    const pool = new SolverPool({ size: 1 });
    const threadsSeen: number[] = [];
    let ticks = 0;
    try {
      const running = solveQubo(qubo, {
        ...options,
        pool,
        onProgress: () => {
          threadsSeen.push(pool.liveThreads);
          ticks++;
          if (ticks === 1) pool.resize(1);
        },
      });
      pool.resize(3);
      const resized = await running;
      expect(ticks).toBeGreaterThanOrEqual(1);
      expect(Math.max(...threadsSeen)).toBe(3);
      expect(pool.size).toBe(1);
      const steady = await solveQubo(qubo, { ...options, workers: 2 });
      expect(resized.restartsCompleted).toBe(12);
      expect(resized.samples.map((s) => s.x.join(''))).toEqual(steady.samples.map((s) => s.x.join('')));
    } finally {
      await pool.close();
    }
    expect(pool.liveThreads).toBe(0);
  }, 20_000);

  it('given two solves on one thread, then it counts one thread busy and one restart queued until both end', async () => {
    const qubo = ringQubo(300);
    const pool = new SolverPool({ size: 1 });
    try {
      // when two solves start (a thread takes the first restart as it is sent, before it can have started)
      const options = { strategy: 'SA' as const, seed: 5, restarts: 1, sweeps: 30_000, pool };
      const solves = Promise.all([solveQubo(qubo, options), solveQubo(qubo, options)]);
      await new Promise((resolve) => setImmediate(resolve));
      expect([pool.busyThreads, pool.queuedTasks]).toEqual([1, 1]);
      await solves;
      expect([pool.busyThreads, pool.queuedTasks]).toEqual([0, 0]);
    } finally {
      await pool.close();
    }
  }, 20_000);

  it('given a pool, when resized to 0 or a fraction, then it refuses', async () => {
    const pool = new SolverPool({ size: 1 });
    try {
      expect(() => pool.resize(0)).toThrow(RangeError);
      expect(() => pool.resize(1.5)).toThrow(RangeError);
    } finally {
      await pool.close();
    }
  });
});
