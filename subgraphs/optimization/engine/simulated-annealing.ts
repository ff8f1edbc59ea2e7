import type { CompiledQubo } from './compiled-qubo';
import { Slot, type SolverKernel } from './kernel/kernel-state';
import type { Xoshiro128 } from './prng';
import { ENERGY_EPSILON, reachedTarget, shouldStop, type RunControl } from './run-control';

/** Attempted flips per kernel call: the stop flag and clock are checked between calls (about every 0.1 ms at native speed). */
const FLIPS_PER_CALL = 16_384;

export interface AnnealOutcome {
  readonly x: Uint8Array;
  /** Energy including the offset, tracked incrementally. */
  readonly energy: number;
  readonly flipsAttempted: number;
  readonly stoppedEarly: boolean;
}

/**
 * One Metropolis anneal from a random state with β taken from the schedule one sweep at a time.
 * This driver draws the start state and computes its local fields; the kernel runs the sweeps
 * (js-kernel.ts describes the loop), a batch at a time between checks of the stop conditions.
 */
export function anneal(qubo: CompiledQubo, betas: Float64Array, rng: Xoshiro128, control: RunControl, kernel: SolverKernel): AnnealOutcome {
  const { n, rowPtr, colIdx, values, linear } = qubo;
  const ws = kernel.workspace(qubo, betas.length);
  const { x, field, state } = ws;
  ws.betas.set(betas);
  for (let i = 0; i < n; i++) x[i] = rng.nextUint32() & 1;
  let energy = qubo.offset;
  for (let i = 0; i < n; i++) {
    let f = linear[i];
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) if (x[colIdx[p]] !== 0) f += values[p];
    field[i] = f;
    // Σ_i x_i·(h_i + f_i)/2 counts each coupling once.
    if (x[i] !== 0) energy += (linear[i] + f) / 2;
  }
  state[Slot.energy] = energy;

  const targetWithSlack = control.targetEnergy + ENERGY_EPSILON;
  const sweepsPerCall = Math.max(1, Math.floor(FLIPS_PER_CALL / Math.max(1, n)));
  let flipsAttempted = 0;
  let stoppedEarly = false;
  for (let sweep = 0; sweep < betas.length; ) {
    if (shouldStop(control)) {
      stoppedEarly = true;
      break;
    }
    const ran = kernel.annealSweeps(ws, rng, sweep, Math.min(betas.length, sweep + sweepsPerCall), targetWithSlack);
    sweep += ran;
    flipsAttempted += ran * n;
    if (state[Slot.energy] <= targetWithSlack && reachedTarget(control, state[Slot.energy])) {
      stoppedEarly = true;
      break;
    }
  }
  return { x: x.slice(), energy: state[Slot.energy], flipsAttempted, stoppedEarly };
}
