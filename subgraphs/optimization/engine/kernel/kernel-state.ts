import type { CompiledQubo } from '../compiled-qubo';
import type { Xoshiro128 } from '../prng';

/**
 * Slots of a run's state block (Float64Array), shared by the drivers (simulated-annealing.ts,
 * tabu-search.ts) and the kernels: the WebAssembly kernel reads and writes them at the same byte
 * offsets (assembly/solver-kernel.ts), followed by the generator's four words.
 */
export const Slot = {
  energy: 0,
  bestEnergy: 1,
  roundBestEnergy: 2,
  iteration: 3,
  stall: 4,
  tenure: 5,
  stallIterations: 6,
  iterations: 7,
} as const;
/** f64 slots before the generator's state (8 bytes each). */
export const STATE_SLOTS = 8;
/** Bytes of the whole block: the slots and four u32 generator words. */
export const STATE_BYTES = STATE_SLOTS * 8 + 16;

/** Why tabuIterate returned. */
export const TabuStatus = {
  /** The iteration count reached a multiple of CHECK_EVERY: check the stop flag, then go on with skipCheck. */
  check: 0,
  /** A new best energy was found and copied to `best`. */
  newBest: 1,
  /** The round's stall limit or the iteration budget was reached. */
  roundEnd: 2,
} as const;
export type TabuStatus = (typeof TabuStatus)[keyof typeof TabuStatus];

/** Tabu iterations between checks of the stop flag and the clock (a power of two: the kernels mask with it). */
export const CHECK_EVERY = 256;

/** The arrays one run works in: plain typed arrays for the JavaScript kernel, views over its memory for WebAssembly. */
export interface Workspace {
  readonly qubo: CompiledQubo;
  readonly x: Uint8Array;
  /** Local fields (annealing) or flip energies (tabu). */
  readonly field: Float64Array;
  readonly tabuUntil: Float64Array;
  readonly best: Uint8Array;
  readonly roundBest: Uint8Array;
  readonly betas: Float64Array;
  readonly state: Float64Array;
}

export type KernelName = 'wasm' | 'js';

/** The inner loops of the annealing and tabu drivers; everything else runs in JavaScript on the workspace. */
export interface SolverKernel {
  readonly name: KernelName;
  /** A workspace for `qubo` with room for `sweeps` betas; valid until the next call. */
  workspace(qubo: CompiledQubo, sweeps: number): Workspace;
  /** Sweeps `from` .. `to` (stopping after one that reaches targetWithSlack); energy in state; returns the sweeps run. */
  annealSweeps(ws: Workspace, rng: Xoshiro128, from: number, to: number, targetWithSlack: number): number;
  /** Iterations of the current tabu round, its progress in the state block. */
  tabuIterate(ws: Workspace, rng: Xoshiro128, skipCheck: boolean): TabuStatus;
}
