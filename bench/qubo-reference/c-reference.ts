/**
 * The C reference of bench:qubo (sa-reference.c beside this file): compiled here with gcc -O2,
 * fed each instance as a binary file, run as a child process on one core.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { betaRangeFor } from '../../subgraphs/optimization/engine/beta-schedule';
import type { CompiledQubo } from '../../subgraphs/optimization/engine/compiled-qubo';

export interface ReferenceThroughput {
  readonly ms: number;
  readonly flipsAttempted: number;
  readonly flipsPerSecond: number;
  readonly energy: number;
}

export interface ReferenceTimeToTarget {
  readonly reached: boolean;
  readonly bestEnergy: number;
  readonly timeToBestMs: number;
  readonly totalMs: number;
  readonly restarts: number;
  readonly flipsAttempted: number;
  readonly flipsPerSecond: number;
}

export class CReference {
  private constructor(
    private readonly binary: string,
    private readonly folder: string,
    readonly compiler: string,
  ) {}

  /** Compiles sa-reference.c with `gcc -O2` into `folder` (bench/results). */
  static compile(sourceFolder: string, folder: string): CReference {
    mkdirSync(folder, { recursive: true });
    const binary = join(folder, 'sa-reference');
    execFileSync('gcc', ['-O2', '-o', binary, join(sourceFolder, 'sa-reference.c'), '-lm']);
    const compiler = execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
    return new CReference(binary, folder, compiler);
  }

  throughput(name: string, qubo: CompiledQubo, sweeps: number): ReferenceThroughput {
    return this.run([this.instanceFile(name, qubo), 'throughput', String(sweeps)]) as ReferenceThroughput;
  }

  timeToTarget(name: string, qubo: CompiledQubo, seed: number, targetEnergy: number, timeLimitMs: number): ReferenceTimeToTarget {
    return this.run([this.instanceFile(name, qubo), 'target', String(seed), String(targetEnergy), String(timeLimitMs)]) as ReferenceTimeToTarget;
  }

  private run(args: string[]): unknown {
    return JSON.parse(execFileSync(this.binary, args, { encoding: 'utf8' }));
  }

  /** The instance in the layout sa-reference.c reads, with the β range the engine derives for it. */
  private instanceFile(name: string, qubo: CompiledQubo): string {
    const file = join(this.folder, `${name}.qubo.tmp`);
    const { n, offset, linear, rowPtr, colIdx, values } = qubo;
    const range = betaRangeFor(qubo);
    const header = Buffer.alloc(8 + 24);
    header.writeInt32LE(n, 0);
    header.writeInt32LE(colIdx.length, 4);
    header.writeDoubleLE(offset, 8);
    header.writeDoubleLE(range.hot, 16);
    header.writeDoubleLE(range.cold, 24);
    const bytes = (array: Float64Array | Int32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    writeFileSync(file, Buffer.concat([header, bytes(linear), bytes(rowPtr), bytes(colIdx), bytes(values)]));
    return file;
  }
}
