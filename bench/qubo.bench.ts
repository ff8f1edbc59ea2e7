/**
 * bench:qubo — the solver engine on the OR-Library bqp and Gset Max-Cut instances in
 * ../shared/data/qubo, against the best-known values (BEST_KNOWN.md there). Each instance runs
 * with target-energy stopping (the best-known value) and a time limit, on a pool with one thread
 * per core. BENCH_QUBO=bqp50,G1 picks a subset. Writes bench/results/qubo.json.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { SolverPool } from '../subgraphs/optimization/engine/solver-pool';
import { solveQubo } from '../subgraphs/optimization/engine/solve-qubo';
import { machineInfo, sized, writeBenchResult } from './bench-results';
import { loadBqpSet, loadGset, type BenchInstance } from './qubo-instances';

/** Run from the esbuild bundle in bench/results, so the worker source is found from there. */
const WORKER_SOURCE = join(__dirname, '..', '..', 'subgraphs', 'optimization', 'engine', 'solver-worker.ts');
const DEFAULT_SETS = sized(['bqp50', 'bqp100', 'bqp250', 'bqp500', 'bqp1000', 'G1', 'G2', 'G3', 'G11', 'G14', 'G22', 'G43'], ['bqp50', 'G1']);
const TIME_LIMIT_MS = sized(10_000, 200);
const SEED = 20240601;
const THROUGHPUT_SWEEPS = sized(20_000, 100);
const WARMUP_SWEEPS = sized(2_000, 10);

interface Row {
  instance: string;
  n: number;
  strategy: string;
  bestKnown: number;
  found: number;
  gapPercent: number;
  reached: boolean;
  timeToBestMs: number;
  totalMs: number;
  flipsPerSecondPerCore: number;
}

function loadSet(name: string): BenchInstance[] {
  const bqp = /^bqp(\d+)$/.exec(name);
  if (bqp) return loadBqpSet(Number(bqp[1]));
  if (/^G\d+$/.test(name)) return [loadGset(name)];
  throw new Error(`unknown benchmark set ${name} (bqp50…bqp1000 or G<k>)`);
}

async function solveInstance(instance: BenchInstance, pool: SolverPool): Promise<Row> {
  const result = await solveQubo(instance.qubo, {
    strategy: 'AUTO',
    seed: SEED,
    timeLimitMs: TIME_LIMIT_MS,
    targetEnergy: -instance.bestKnown,
    pool,
  });
  const found = instance.valueOfEnergy(result.bestEnergy);
  return {
    instance: instance.name,
    n: instance.qubo.n,
    strategy: result.strategy,
    bestKnown: instance.bestKnown,
    found,
    gapPercent: (100 * (instance.bestKnown - found)) / Math.abs(instance.bestKnown),
    reached: found >= instance.bestKnown,
    timeToBestMs: result.timeToBestMs,
    totalMs: result.totalTimeMs,
    flipsPerSecondPerCore: result.flipsAttempted / (result.totalTimeMs / 1000) / pool.size,
  };
}

/** SA alone on G1 with a fixed sweep budget: attempted flips per second on one core. */
async function annealingThroughput(): Promise<{ sweeps: number; flipsPerSecond: number; cut: number }> {
  const g1 = loadGset('G1');
  await solveQubo(g1.qubo, { strategy: 'SA', seed: SEED, sweeps: WARMUP_SWEEPS, restarts: 1, workers: 0 }); // warm-up (JIT)
  const result = await solveQubo(g1.qubo, { strategy: 'SA', seed: SEED, sweeps: THROUGHPUT_SWEEPS, restarts: 1, workers: 0 });
  return { sweeps: THROUGHPUT_SWEEPS, flipsPerSecond: result.flipsAttempted / (result.totalTimeMs / 1000), cut: -result.bestEnergy };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmt(row: Row): string {
  return [
    row.instance.padEnd(11),
    String(row.n).padStart(5),
    row.strategy.padEnd(5),
    String(row.found).padStart(8),
    String(row.bestKnown).padStart(8),
    row.gapPercent.toFixed(3).padStart(7),
    row.timeToBestMs.toFixed(0).padStart(8),
    row.totalMs.toFixed(0).padStart(8),
    (row.flipsPerSecondPerCore / 1e6).toFixed(1).padStart(8),
  ].join(' ');
}

async function main(): Promise<void> {
  const sets = (process.env.BENCH_QUBO ?? DEFAULT_SETS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const pool = new SolverPool({ size: cpus().length, workerScript: WORKER_SOURCE });
  const rows: Row[] = [];
  const summaries: Record<string, unknown>[] = [];
  console.log('instance        n strat    found     best   gap%  ttb(ms)  tot(ms)  Mflip/s/core');
  try {
    for (const set of sets) {
      const setRows: Row[] = [];
      for (const instance of loadSet(set)) {
        const row = await solveInstance(instance, pool);
        setRows.push(row);
        console.log(fmt(row));
      }
      rows.push(...setRows);
      const summary = {
        set,
        instances: setRows.length,
        reached: setRows.filter((r) => r.reached).length,
        medianTimeToBestMs: median(setRows.map((r) => r.timeToBestMs)),
        meanGapPercent: setRows.reduce((s, r) => s + r.gapPercent, 0) / setRows.length,
        maxGapPercent: Math.max(...setRows.map((r) => r.gapPercent)),
      };
      summaries.push(summary);
      if (setRows.length > 1) {
        console.log(
          `  ${set}: ${summary.reached}/${summary.instances} reached, median time to best ${summary.medianTimeToBestMs.toFixed(0)} ms, mean gap ${summary.meanGapPercent.toFixed(4)}%`,
        );
      }
    }
  } finally {
    await pool.close();
  }
  const throughput = await annealingThroughput();
  console.log(`SA on G1, ${throughput.sweeps} sweeps, one core: ${(throughput.flipsPerSecond / 1e6).toFixed(1)} M attempted flips/s (cut ${throughput.cut})`);

  const written = writeBenchResult('qubo', { machine: machineInfo(), timeLimitMs: TIME_LIMIT_MS, seed: SEED, workers: cpus().length, rows, summaries, annealingThroughputG1: throughput });
  console.log(`wrote ${written}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
