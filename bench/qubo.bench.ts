/**
 * bench:qubo — the solver engine on the OR-Library bqp and Gset Max-Cut instances in
 * ../shared/data/qubo, against the best-known values (BEST_KNOWN.md there). Each instance runs
 * with target-energy stopping (the best-known value) and a time limit, on a pool with one thread
 * per core. BENCH_QUBO=bqp50,G1 picks a subset. Then the anchor: the engine's SA against a C
 * reference of the same SA (bench/qubo-reference, gcc -O2) on G1, G11, G22, G43 and bqp1000.1
 * (BENCH_QUBO_REFERENCE picks others), and the memory per solver worker. Writes
 * bench/results/qubo.json.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { SolverPool } from '../subgraphs/optimization/engine/solver-pool';
import { solveQubo } from '../subgraphs/optimization/engine/solve-qubo';
import { machineInfo, sized, writeBenchResult } from './bench-results';
import { loadBqpSet, loadGset, type BenchInstance } from './qubo-instances';
import { compileReference, throughputSideBySide, timeToBestSideBySide, workerMemory } from './qubo-reference/side-by-side';

/** Run from the esbuild bundle in bench/results, so the worker source is found from there. */
const WORKER_SOURCE = join(__dirname, '..', '..', 'subgraphs', 'optimization', 'engine', 'solver-worker.ts');
const DEFAULT_SETS = sized(['bqp50', 'bqp100', 'bqp250', 'bqp500', 'bqp1000', 'G1', 'G2', 'G3', 'G11', 'G14', 'G22', 'G43'], ['bqp50', 'G1']);
const TIME_LIMIT_MS = sized(10_000, 200);
const SEED = 20240601;
const REFERENCE_INSTANCES = sized(['G1', 'G11', 'G22', 'G43', 'bqp1000.1'], ['G1']);
const REFERENCE_TIME_LIMIT_MS = sized(20_000, 500);

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

/** One instance by name: G<k>, or bqp<size>.<k> for the k-th of an OR-Library file. */
function loadInstance(name: string): BenchInstance {
  const [set] = name.split('.');
  const instance = loadSet(set).find((candidate) => candidate.name === name);
  if (!instance) throw new Error(`no instance ${name} in ${set}`);
  return instance;
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

  const reference = await againstTheCReference();

  const written = writeBenchResult('qubo', { machine: machineInfo(), timeLimitMs: TIME_LIMIT_MS, seed: SEED, workers: cpus().length, rows, summaries, reference });
  console.log(`wrote ${written}`);
}

async function againstTheCReference() {
  const names = (process.env.BENCH_QUBO_REFERENCE ?? REFERENCE_INSTANCES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const instances = names.map(loadInstance);
  const c = compileReference();
  const settings = { seed: SEED, timeLimitMs: REFERENCE_TIME_LIMIT_MS, throughputSweeps: (n: number) => sized(Math.round(16e6 / n), 50), workerScript: WORKER_SOURCE };
  console.log(`\nSA against the C reference (${c.compiler}, -O2), one core each`);
  console.log('instance      sweeps  C Mflip/s  wasm Mflip/s  js Mflip/s  wasm/C  js/C');
  const throughputRows = await throughputSideBySide(instances, c, settings);
  for (const row of throughputRows) {
    const m = (v: number) => (v / 1e6).toFixed(1);
    console.log(`${row.instance.padEnd(12)} ${String(row.sweeps).padStart(7)} ${m(row.cFlipsPerSecond).padStart(10)} ${m(row.wasmFlipsPerSecond).padStart(13)} ${m(row.jsFlipsPerSecond).padStart(11)} ${row.wasmToC.toFixed(2).padStart(7)} ${row.jsToC.toFixed(2).padStart(5)}`);
  }
  console.log(`\ntime to the best-known value from seed ${SEED} (limit ${REFERENCE_TIME_LIMIT_MS} ms), one core each`);
  console.log('instance      best-known  C ttb(ms)  wasm ttb(ms)  wasm/C  restarts C/wasm  same search');
  const timeRows = await timeToBestSideBySide(instances, c, settings);
  for (const row of timeRows) {
    const ms = (side: { reached: boolean; timeToBestMs: number }) => (side.reached ? side.timeToBestMs.toFixed(1) : 'not reached');
    console.log(
      `${row.instance.padEnd(12)} ${String(row.bestKnown).padStart(11)} ${ms(row.c).padStart(10)} ${ms(row.wasm).padStart(13)} ${(row.ratio === null ? '-' : row.ratio.toFixed(2)).padStart(7)} ${`${row.c.restarts}/${row.wasm.restarts}`.padStart(16)}  ${row.sameSearch ? 'yes' : 'no'}`,
    );
  }
  const memory = await workerMemory(instances, cpus().length, settings);
  console.log(`\nmemory per solver worker (${memory.workers} workers, largest ${memory.largestInstance}): kernel memory ${(memory.kernelMemoryBytes / 2 ** 20).toFixed(1)} MiB, resident ${(memory.rssPerWorkerBytes / 2 ** 20).toFixed(1)} MiB`);
  return { compiler: `${c.compiler} -O2`, timeLimitMs: REFERENCE_TIME_LIMIT_MS, throughput: throughputRows, timeToBest: timeRows, workerMemory: memory };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
