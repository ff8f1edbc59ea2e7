import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type as osType } from 'node:os';
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

/** Writes bench/results/<benchmark>.json, stamped with the benchmark's name and the date. */
export function writeBenchResult(benchmark: string, results: Record<string, unknown>): void {
  const resultsDir = join(projectRoot(), 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const document = { benchmark, date: new Date().toISOString(), ...results };
  writeFileSync(join(resultsDir, `${benchmark}.json`), `${JSON.stringify(document, null, 2)}\n`);
}
