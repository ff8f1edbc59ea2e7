import { compileFromTerms, energyOf, type CompiledQubo, type PairTerm } from './compiled-qubo';
import { Xoshiro128 } from './prng';
import { solveQubo } from './solve-qubo';
import type { KernelStrategy } from './solve-task';
import type { SolveProgress } from './solve-types';

function randomQubo(n: number, density: number, seed: number): CompiledQubo {
  const rng = new Xoshiro128(seed);
  const linear = Array.from({ length: n }, () => rng.nextInt(41) - 20);
  const pairs: PairTerm[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rng.nextFloat() < density) pairs.push({ i, j, value: rng.nextInt(41) - 20 });
  return compileFromTerms(n, linear, pairs, 3);
}

function bruteForceMinimum(qubo: CompiledQubo): number {
  let best = Infinity;
  const x = new Uint8Array(qubo.n);
  for (let mask = 0; mask < 1 << qubo.n; mask++) {
    for (let i = 0; i < qubo.n; i++) x[i] = (mask >> i) & 1;
    best = Math.min(best, energyOf(qubo, x));
  }
  return best;
}

describe('solveQubo on tiny problems against brute force', () => {
  const cases: [KernelStrategy, number, number][] = [
    ['SA', 8, 0.5],
    ['SA', 12, 0.3],
    ['TABU', 10, 0.6],
    ['TABU', 12, 0.9],
  ];
  it.each(cases)('given a random %s problem of %i variables, when solved in this thread, then the best sample is the exact minimum', async (strategy, n, density) => {
    for (let seed = 1; seed <= 3; seed++) {
      const qubo = randomQubo(n, density, seed * 97 + n);
      const result = await solveQubo(qubo, { strategy, seed, restarts: 4, sweeps: 200, tabuIterations: 2_000 });
      expect(result.bestEnergy).toBe(bruteForceMinimum(qubo));
      expect(energyOf(qubo, result.samples[0].x)).toBe(result.bestEnergy);
      expect(result.stoppedBy).toBe('budget');
    }
  });

  it('given several samples, when returned, then they are distinct, sorted, and none has an improving single flip', async () => {
    const qubo = randomQubo(12, 0.4, 5);
    const result = await solveQubo(qubo, { strategy: 'SA', seed: 3, restarts: 12, sweeps: 5 });
    const keys = result.samples.map((s) => s.x.join(''));
    expect(new Set(keys).size).toBe(keys.length);
    for (let k = 1; k < result.samples.length; k++) expect(result.samples[k].energy).toBeGreaterThanOrEqual(result.samples[k - 1].energy);
    for (const s of result.samples) {
      for (let i = 0; i < qubo.n; i++) {
        const flipped = s.x.slice();
        flipped[i] ^= 1;
        expect(energyOf(qubo, flipped)).toBeGreaterThanOrEqual(s.energy);
      }
    }
  });
});

describe('solveQubo stopping and reproducibility (worker threads)', () => {
  const qubo = randomQubo(150, 0.1, 42);

  it.each<KernelStrategy>(['SA', 'TABU'])('given a seed and a restart budget, when %s is solved twice on 2 workers and once in this thread, then the samples are identical', async (strategy) => {
    const options = { strategy, seed: 7, restarts: 4, sweeps: 300, tabuIterations: 3_000 };
    const a = await solveQubo(qubo, { ...options, workers: 2 });
    const b = await solveQubo(qubo, { ...options, workers: 2 });
    const inline = await solveQubo(qubo, { ...options, workers: 0 });
    const bits = (r: typeof a): string[] => r.samples.map((s) => `${s.energy}:${s.x.join('')}`);
    expect(bits(a)).toEqual(bits(b));
    expect(bits(a)).toEqual(bits(inline));
    expect(a.flipsAttempted).toBe(b.flipsAttempted);
    expect(a.restartsCompleted).toBe(4);
  });

  it('given a target energy that is reachable, when solved with a long time limit, then it stops as soon as the target is reached', async () => {
    const reference = await solveQubo(qubo, { strategy: 'TABU', seed: 1, restarts: 2 });
    const started = Date.now();
    const result = await solveQubo(qubo, { strategy: 'SA', seed: 2, timeLimitMs: 20_000, targetEnergy: reference.bestEnergy + 50, workers: 2 });
    expect(result.stoppedBy).toBe('target');
    expect(result.bestEnergy).toBeLessThanOrEqual(reference.bestEnergy + 50);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('given a time limit, when the restart budget is unlimited, then it stops at the limit and reports throttled progress', async () => {
    const progress: SolveProgress[] = [];
    const result = await solveQubo(qubo, { strategy: 'SA', seed: 3, timeLimitMs: 1_200, workers: 2, onProgress: (p) => progress.push(p) });
    expect(result.stoppedBy).toBe('time');
    expect(result.totalTimeMs).toBeGreaterThanOrEqual(1_150);
    expect(result.totalTimeMs).toBeLessThan(2_500);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.length).toBeLessThanOrEqual(6); // ≤ 4 a second
    expect(progress[progress.length - 1].fractionOfBudget).toBeGreaterThan(0.6);
    expect(result.trace.length).toBeGreaterThan(0);
    expect(result.trace[result.trace.length - 1].energy).toBe(result.bestEnergy);
  });

  it('given an abort signal, when it fires, then the solve ends as cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await solveQubo(qubo, { strategy: 'TABU', seed: 4, timeLimitMs: 10_000, workers: 1, signal: controller.signal });
    expect(result.stoppedBy).toBe('cancelled');
    expect(result.totalTimeMs).toBeLessThan(2_000);
  });

  it('given a negative time limit, when solving, then it is refused', async () => {
    await expect(solveQubo(qubo, { timeLimitMs: -1 })).rejects.toThrow(RangeError);
  });
});
