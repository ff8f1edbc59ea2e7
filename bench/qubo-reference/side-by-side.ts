/**
 * bench:qubo's comparison with native code: the engine's SA on each kernel and the C reference
 * (sa-reference.c, gcc -O2) on the same instances in the same run, one core each.
 *  - Throughput: one anneal of a fixed number of sweeps; attempted flips per second.
 *  - Time to the best-known value: restarts from the same seed until the best-known energy,
 *    the engine on a pool of one worker thread (as a solve runs), the C program as a process.
 * Both run the same algorithm from the same seed, so they visit the same restarts: the rows say
 * whether their restart and flip counts agree.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../platform/project-root';
import { workspaceBytes } from '../../subgraphs/optimization/engine/kernel/wasm-kernel';
import type { KernelName } from '../../subgraphs/optimization/engine/kernel/kernel-state';
import { solveQubo } from '../../subgraphs/optimization/engine/solve-qubo';
import { SolverPool } from '../../subgraphs/optimization/engine/solver-pool';
import type { BenchInstance } from '../qubo-instances';
import { CReference } from './c-reference';

export interface SideBySideSettings {
  readonly seed: number;
  readonly timeLimitMs: number;
  /** Sweeps of the throughput anneal, by instance size. */
  readonly throughputSweeps: (n: number) => number;
  readonly workerScript: string;
}

export interface ThroughputRow {
  readonly instance: string;
  readonly sweeps: number;
  readonly cFlipsPerSecond: number;
  readonly wasmFlipsPerSecond: number;
  readonly jsFlipsPerSecond: number;
  readonly wasmToC: number;
  readonly jsToC: number;
}

export interface TimeToBestRow {
  readonly instance: string;
  readonly bestKnown: number;
  readonly c: { reached: boolean; timeToBestMs: number; restarts: number; flipsAttempted: number };
  readonly wasm: { reached: boolean; timeToBestMs: number; restarts: number; flipsAttempted: number };
  /** wasm time / C time, when both reached the best-known value. */
  readonly ratio: number | null;
  /** Same restarts and the same flips on both: the same samples were visited. */
  readonly sameSearch: boolean;
}

export interface WorkerMemory {
  readonly workers: number;
  readonly largestInstance: string;
  /** The WebAssembly memory a worker holds for it (problem, schedule and scratch arrays). */
  readonly kernelMemoryBytes: number;
  /** Resident memory the pool added per worker after solving every instance (V8 isolate included). */
  readonly rssPerWorkerBytes: number;
}

export async function throughputSideBySide(instances: readonly BenchInstance[], c: CReference, settings: SideBySideSettings): Promise<ThroughputRow[]> {
  const rows: ThroughputRow[] = [];
  for (const instance of instances) {
    const sweeps = settings.throughputSweeps(instance.qubo.n);
    const engine = async (kernel: KernelName) => {
      const options = { strategy: 'SA', seed: settings.seed, sweeps, restarts: 1, workers: 0, kernel } as const;
      await solveQubo(instance.qubo, { ...options, sweeps: Math.max(1, Math.floor(sweeps / 10)) }); // warm-up (JIT, memory)
      const result = await solveQubo(instance.qubo, options);
      return result.flipsAttempted / (result.totalTimeMs / 1000);
    };
    const cFlipsPerSecond = c.throughput(instance.name, instance.qubo, sweeps).flipsPerSecond;
    const wasmFlipsPerSecond = await engine('wasm');
    const jsFlipsPerSecond = await engine('js');
    rows.push({ instance: instance.name, sweeps, cFlipsPerSecond, wasmFlipsPerSecond, jsFlipsPerSecond, wasmToC: wasmFlipsPerSecond / cFlipsPerSecond, jsToC: jsFlipsPerSecond / cFlipsPerSecond });
  }
  return rows;
}

export async function timeToBestSideBySide(instances: readonly BenchInstance[], c: CReference, settings: SideBySideSettings): Promise<TimeToBestRow[]> {
  const pool = new SolverPool({ size: 1, workerScript: settings.workerScript });
  const rows: TimeToBestRow[] = [];
  try {
    for (const instance of instances) {
      const target = -instance.bestKnown;
      const native = c.timeToTarget(instance.name, instance.qubo, settings.seed, target, settings.timeLimitMs);
      const result = await solveQubo(instance.qubo, { strategy: 'SA', kernel: 'wasm', seed: settings.seed, timeLimitMs: settings.timeLimitMs, targetEnergy: target, pool });
      const wasm = { reached: result.stoppedBy === 'target', timeToBestMs: result.timeToBestMs, restarts: result.restartsCompleted, flipsAttempted: result.flipsAttempted };
      rows.push({
        instance: instance.name,
        bestKnown: instance.bestKnown,
        c: { reached: native.reached, timeToBestMs: native.timeToBestMs, restarts: native.restarts, flipsAttempted: native.flipsAttempted },
        wasm,
        ratio: native.reached && wasm.reached ? wasm.timeToBestMs / native.timeToBestMs : null,
        sameSearch: native.restarts === wasm.restarts && native.flipsAttempted === wasm.flipsAttempted,
      });
    }
  } finally {
    await pool.close();
  }
  return rows;
}

/** A pool of `workers` threads solves every instance; its added resident memory is shared out per worker. */
export async function workerMemory(instances: readonly BenchInstance[], workers: number, settings: SideBySideSettings): Promise<WorkerMemory> {
  const largest = instances.reduce((a, b) => (workspaceBytes(b.qubo, 0) > workspaceBytes(a.qubo, 0) ? b : a));
  global.gc?.();
  const before = process.memoryUsage().rss;
  const pool = new SolverPool({ size: workers, workerScript: settings.workerScript });
  try {
    for (const instance of instances) {
      await solveQubo(instance.qubo, { strategy: 'SA', kernel: 'wasm', seed: settings.seed, restarts: workers * 2, sweeps: 1_000, pool });
    }
    return {
      workers,
      largestInstance: largest.name,
      kernelMemoryBytes: workspaceBytes(largest.qubo, 1_000),
      rssPerWorkerBytes: (process.memoryUsage().rss - before) / workers,
    };
  } finally {
    await pool.close();
  }
}

/** gcc -O2 of sa-reference.c into a temporary folder (the instances' binary files go there too). */
export function compileReference(): CReference {
  return CReference.compile(join(projectRoot(), 'bench', 'qubo-reference'), mkdtempSync(join(tmpdir(), 'goliath-qubo-reference-')));
}
