import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../platform/project-root';

/** The machine a figure was measured on; figures from different machines are not comparable. */
export function machineInfo() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    totalMemoryMb: Math.round(totalmem() / 2 ** 20),
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}

/**
 * BENCH_SMOKE=1: a run small enough for a test to see that the benchmark works end to end (the
 * system test of every npm script does); its figures mean nothing, so it never writes them over
 * the real ones in bench/results.
 */
export const SMOKE = process.env.BENCH_SMOKE === '1';

/** The full run's size, or the smoke run's. */
export function sized<T>(full: T, smoke: T): T {
  return SMOKE ? smoke : full;
}

/**
 * Writes <benchmark>.json, stamped with the benchmark's name and the date, to BENCH_RESULTS_DIR:
 * bench/results by default, the temporary folder for a smoke run. Returns the file's path.
 */
export function writeBenchResult(benchmark: string, results: Record<string, unknown>): string {
  const resultsDir = process.env.BENCH_RESULTS_DIR || (SMOKE ? tmpdir() : join(projectRoot(), 'bench', 'results'));
  mkdirSync(resultsDir, { recursive: true });
  const document = { benchmark, date: new Date().toISOString(), ...(SMOKE && { smoke: true }), ...results };
  const file = join(resultsDir, `${benchmark}.json`);
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}
