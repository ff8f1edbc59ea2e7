import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../../platform/project-root';
import type { CompiledQubo } from '../compiled-qubo';
import type { Xoshiro128 } from '../prng';
import { STATE_BYTES, STATE_SLOTS, type SolverKernel, type TabuStatus, type Workspace } from './kernel-state';

/** Where `npm run build` (build:kernel) writes the module compiled from assembly/solver-kernel.ts. */
export function kernelWasmPath(): string {
  return join(projectRoot(), 'dist', 'solver-kernel.wasm');
}

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  annealSweeps(n: number, rowPtr: number, colIdx: number, values: number, x: number, field: number, betas: number, from: number, to: number, targetWithSlack: number, state: number): number;
  tabuIterate(n: number, rowPtr: number, colIdx: number, values: number, x: number, delta: number, tabuUntil: number, best: number, roundBest: number, state: number, skipCheck: number): number;
}

let compiled: WebAssembly.Module | null | undefined;

/**
 * The compiled kernel module, once per thread that asks (a pool compiles it once and hands it to
 * its workers, which only instantiate it); null when the file is missing (the JavaScript kernel
 * then runs) or cannot be compiled here.
 */
export function kernelModule(): WebAssembly.Module | null {
  const path = kernelWasmPath();
  compiled ??= existsSync(path) ? new WebAssembly.Module(readFileSync(path)) : null;
  return compiled;
}

/** In a solver worker: the module its pool compiled, so the worker instantiates without compiling again. */
export function shareKernelModule(module: WebAssembly.Module | null): void {
  compiled = module;
}

const PAGE = 65_536;

/** Byte offsets of a workspace in the module's memory. */
interface Layout {
  readonly state: number;
  readonly values: number;
  readonly field: number;
  readonly tabuUntil: number;
  readonly betas: number;
  readonly rowPtr: number;
  readonly colIdx: number;
  readonly x: number;
  readonly best: number;
  readonly roundBest: number;
  readonly end: number;
}

/**
 * The WebAssembly kernel of one thread: an instance of the shared module with its own memory,
 * which holds one problem at a time (copied in when a task for another problem arrives) and one
 * run's scratch arrays. The memory grows to the largest problem the thread has run and is
 * reused; it never shrinks (WebAssembly memories cannot), so a thread's footprint is bounded by
 * the largest problem the model limits admit.
 */
export function wasmKernel(module: WebAssembly.Module): SolverKernel {
  const instance = new WebAssembly.Instance(module, {
    env: { exp: Math.exp, abort: () => { throw new Error('solver kernel aborted'); } },
  });
  const kernel = instance.exports as unknown as KernelExports;
  const base = align8(kernel.heapBase());
  let resident: CompiledQubo | undefined;
  let layout: Layout | undefined;
  let workspace: Workspace | undefined;
  /** The generator's four words, just after the state block's f64 slots. */
  let rngWords = new Uint32Array(0);

  return {
    name: 'wasm',
    workspace(qubo: CompiledQubo, sweeps: number): Workspace {
      layout = layoutFor(base, qubo, sweeps);
      const memory = kernel.memory;
      const missing = layout.end - memory.buffer.byteLength;
      if (missing > 0) memory.grow(Math.ceil(missing / PAGE));
      const buffer = memory.buffer;
      const { n } = qubo;
      if (resident !== qubo) {
        // The problem's arrays sit first and stay put, so the next task on it skips this copy.
        new Float64Array(buffer, layout.values, qubo.values.length).set(qubo.values);
        new Int32Array(buffer, layout.rowPtr, n + 1).set(qubo.rowPtr);
        new Int32Array(buffer, layout.colIdx, qubo.colIdx.length).set(qubo.colIdx);
        resident = qubo;
      }
      workspace = {
        qubo,
        x: new Uint8Array(buffer, layout.x, n),
        field: new Float64Array(buffer, layout.field, n),
        tabuUntil: new Float64Array(buffer, layout.tabuUntil, n),
        best: new Uint8Array(buffer, layout.best, n),
        roundBest: new Uint8Array(buffer, layout.roundBest, n),
        betas: new Float64Array(buffer, layout.betas, sweeps),
        state: new Float64Array(buffer, layout.state, STATE_SLOTS),
      };
      rngWords = new Uint32Array(buffer, layout.state + STATE_SLOTS * 8, 4);
      return workspace;
    },
    annealSweeps(ws: Workspace, rng: Xoshiro128, from: number, to: number, targetWithSlack: number): number {
      const at = current(ws);
      rng.saveState(rngWords);
      const sweeps = kernel.annealSweeps(ws.qubo.n, at.rowPtr, at.colIdx, at.values, at.x, at.field, at.betas, from, to, targetWithSlack, at.state);
      rng.loadState(rngWords);
      return sweeps;
    },
    tabuIterate(ws: Workspace, rng: Xoshiro128, skipCheck: boolean): TabuStatus {
      const at = current(ws);
      rng.saveState(rngWords);
      const status = kernel.tabuIterate(ws.qubo.n, at.rowPtr, at.colIdx, at.values, at.x, at.field, at.tabuUntil, at.best, at.roundBest, at.state, skipCheck ? 1 : 0);
      rng.loadState(rngWords);
      return status as TabuStatus;
    },
  };

  function current(ws: Workspace): Layout {
    if (ws !== workspace || !layout) throw new Error('a WebAssembly workspace is valid until the next workspace() call only');
    return layout;
  }
}

/** Bytes a thread's kernel memory holds for `qubo` and a schedule of `sweeps` (before rounding up to 64 KiB pages). */
export function workspaceBytes(qubo: CompiledQubo, sweeps: number): number {
  return layoutFor(0, qubo, sweeps).end;
}

function layoutFor(base: number, qubo: CompiledQubo, sweeps: number): Layout {
  const { n } = qubo;
  const nnz = qubo.colIdx.length;
  // Problem first (values, rowPtr, colIdx), then the run's arrays: f64 arrays before the narrower
  // ones keeps every f64 on an 8-byte boundary.
  const values = base;
  const rowPtr = values + nnz * 8;
  const colIdx = rowPtr + (n + 1) * 4;
  const state = align8(colIdx + nnz * 4);
  const field = state + STATE_BYTES;
  const tabuUntil = field + n * 8;
  const betas = tabuUntil + n * 8;
  const x = betas + sweeps * 8;
  const best = x + n;
  const roundBest = best + n;
  return { state, values, field, tabuUntil, betas, rowPtr, colIdx, x, best, roundBest, end: roundBest + n };
}

function align8(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}
