import { compileFromTerms, type CompiledQubo, type PairTerm } from '../compiled-qubo';
import { Xoshiro128 } from '../prng';
import { solveQubo } from '../solve-qubo';
import type { SolveOptions } from '../solve-types';
import { SolverPool } from '../solver-pool';
import { jsKernel } from './js-kernel';
import { Slot, type SolverKernel } from './kernel-state';
import { kernelModule, wasmKernel } from './wasm-kernel';

/** A random QUBO with `density` of its pairs coupled and integer coefficients, like the benchmark families. */
function randomQubo(n: number, density: number, seed: number): CompiledQubo {
  const rng = new Xoshiro128(seed);
  const linear = Array.from({ length: n }, () => rng.nextInt(201) - 100);
  const pairs: PairTerm[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rng.nextFloat() < density) pairs.push({ i, j, value: rng.nextInt(201) - 100 });
  return compileFromTerms(n, linear, pairs);
}

const sparse = randomQubo(300, 0.02, 1);
const dense = randomQubo(200, 0.3, 2);

/** What must not depend on the kernel: every sample, its energy, the work done and how the run ended. */
async function outcome(qubo: CompiledQubo, options: SolveOptions) {
  const result = await solveQubo(qubo, { seed: 42, numSamples: 5, ...options });
  return {
    samples: result.samples.map((sample) => ({ x: Array.from(sample.x).join(''), energy: sample.energy })),
    flipsAttempted: result.flipsAttempted,
    restartsCompleted: result.restartsCompleted,
    stoppedBy: result.stoppedBy,
  };
}

describe('the WebAssembly kernel against the JavaScript reference', () => {
  it('given `npm run build`, when the kernel module is looked up, then it is there (the rest of this file would compare JavaScript with itself otherwise)', () => {
    expect(kernelModule()).not.toBeNull();
  });

  it.each([
    // Budgets small enough that restarts end in different local minima, so there are several samples to compare.
    ['annealing, sparse', sparse, { strategy: 'SA', restarts: 6, sweeps: 40 }],
    ['annealing, dense', dense, { strategy: 'SA', restarts: 6, sweeps: 20 }],
    ['annealing, linear schedule', sparse, { strategy: 'SA', restarts: 4, sweeps: 30, schedule: 'linear' }],
    ['tabu, dense', dense, { strategy: 'TABU', restarts: 4, tabuIterations: 1_000, tabuStallIterations: 100 }],
    ['tabu, sparse', sparse, { strategy: 'TABU', restarts: 4, tabuIterations: 1_500, tabuStallIterations: 200 }],
  ] as const)('given %s and one seed, when solved on each kernel, then both return the same samples after the same work', async (_case, qubo, options) => {
    const reference = await outcome(qubo, { ...options, kernel: 'js' });
    const native = await outcome(qubo, { ...options, kernel: 'wasm' });

    expect(native).toEqual(reference);
    expect(reference.samples.length).toBeGreaterThan(1);
  });

  it('given a target energy the reference reaches, when each kernel solves towards it, then both stop at the same restart with the same sample', async () => {
    const reference = await outcome(sparse, { strategy: 'SA', restarts: 20, sweeps: 300, kernel: 'js' });
    const options = { strategy: 'SA', restarts: 20, sweeps: 300, targetEnergy: Number(reference.samples[0].energy) } as const;

    const [js, wasm] = [await outcome(sparse, { ...options, kernel: 'js' }), await outcome(sparse, { ...options, kernel: 'wasm' })];

    expect(wasm).toEqual(js);
    expect(wasm.stoppedBy).toBe('target');
  });

  it('given a worker pool, when it solves on the WebAssembly kernel, then its workers (sharing the compiled module) return what this thread returns', async () => {
    const pool = new SolverPool({ size: 2 });
    try {
      const options = { strategy: 'SA', restarts: 4, sweeps: 300, kernel: 'wasm' } as const;
      expect(await outcome(sparse, { ...options, pool })).toEqual(await outcome(sparse, options));
    } finally {
      await pool.close();
    }
  });

  it('given one kernel instance, when it alternates between a large and a small problem, then each run matches the reference on its own problem and the memory stops growing', () => {
    const native = wasmKernel(kernelModule()!);
    const runs = [dense, sparse, dense, sparse].map((qubo) => ({ native: annealDirectly(native, qubo), reference: annealDirectly(jsKernel, qubo) }));

    for (const run of runs) expect(run.native.result).toEqual(run.reference.result);
    expect(runs.map((run) => run.native.memoryBytes)).toEqual([runs[0].native.memoryBytes, ...Array(3).fill(runs[1].native.memoryBytes)]);
  });
});

/** One kernel call of 50 sweeps from a seeded state, read back in full (state, fields, energy, the generator's next draw). */
function annealDirectly(kernel: SolverKernel, qubo: CompiledQubo) {
  const ws = kernel.workspace(qubo, 50);
  const rng = new Xoshiro128(9);
  for (let i = 0; i < qubo.n; i++) ws.x[i] = rng.nextUint32() & 1;
  ws.field.set(qubo.linear);
  for (let k = 0; k < 50; k++) ws.betas[k] = 0.001 * (k + 1);
  ws.state[Slot.energy] = 0;
  const sweeps = kernel.annealSweeps(ws, rng, 0, 50, -Infinity);
  return {
    result: { sweeps, x: Array.from(ws.x).join(''), field: Array.from(ws.field), energy: ws.state[Slot.energy], next: rng.nextUint32() },
    memoryBytes: ws.x.buffer.byteLength,
  };
}
