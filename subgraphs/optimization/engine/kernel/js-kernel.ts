import type { CompiledQubo } from '../compiled-qubo';
import type { Xoshiro128 } from '../prng';
import { ENERGY_EPSILON } from '../run-control';
import { CHECK_EVERY, Slot, STATE_SLOTS, TabuStatus, type SolverKernel, type Workspace } from './kernel-state';

/** β·ΔE above this means exp(−β·ΔE) < 4e-18: the move is rejected without drawing a number. */
const UNDERFLOW_EXPONENT = 40;

/**
 * The inner loops in JavaScript over typed arrays: the fallback when WebAssembly cannot be
 * loaded, and the reference the WebAssembly kernel (assembly/solver-kernel.ts) is tested against
 * (same seed → same samples).
 */
export const jsKernel: SolverKernel = {
  name: 'js',
  workspace(qubo: CompiledQubo, sweeps: number): Workspace {
    const n = qubo.n;
    return {
      qubo,
      x: new Uint8Array(n),
      field: new Float64Array(n),
      tabuUntil: new Float64Array(n),
      best: new Uint8Array(n),
      roundBest: new Uint8Array(n),
      betas: new Float64Array(sweeps),
      state: new Float64Array(STATE_SLOTS),
    };
  },
  annealSweeps,
  tabuIterate,
};

/**
 * Metropolis sweeps over the variables in order (as dwave-neal does), β taken from the schedule
 * one sweep at a time. The cache is the local field f_i = h_i + Σ_j J_ij·x_j, and the flip
 * energy is ±f_i (+ when x_i is 0). A rejected attempt costs one compare, plus a random draw only
 * when acceptance is possible at all; an accepted flip adds ±J_ij to its neighbours' fields only.
 * Keeping fields rather than flip energies makes that update independent of the neighbours' own
 * bits (no data-dependent branch, one load fewer).
 */
function annealSweeps(ws: Workspace, rng: Xoshiro128, from: number, to: number, targetWithSlack: number): number {
  const { n, rowPtr, colIdx, values } = ws.qubo;
  const { x, field, betas, state } = ws;
  let energy = state[Slot.energy];
  let sweep = from;
  while (sweep < to) {
    const beta = betas[sweep];
    const skipAbove = UNDERFLOW_EXPONENT / beta;
    for (let i = 0; i < n; i++) {
      const up = x[i] === 0;
      const d = up ? field[i] : -field[i];
      if (d > 0) {
        if (d > skipAbove) continue;
        // Metropolis: accept iff u < e^(−t). Exact bounds settle most draws without calling exp:
        // e^(−t) ≥ 1 − t (accept below it) and e^(−t) ≤ 1/(1 + t + t²/2) (reject above it).
        const t = beta * d;
        const u = rng.nextFloat();
        if (u >= 1 - t && (u * (1 + t + 0.5 * t * t) >= 1 || u >= Math.exp(-t))) continue;
      }
      x[i] = up ? 1 : 0;
      energy += d;
      const sign = up ? 1 : -1;
      const end = rowPtr[i + 1];
      let p = rowPtr[i];
      // Unrolled by four: V8 then issues the independent loads together (measured 3x faster
      // than the plain loop on G1's 48-neighbour rows).
      for (; p + 3 < end; p += 4) {
        const j0 = colIdx[p];
        const j1 = colIdx[p + 1];
        const j2 = colIdx[p + 2];
        const j3 = colIdx[p + 3];
        field[j0] += sign * values[p];
        field[j1] += sign * values[p + 1];
        field[j2] += sign * values[p + 2];
        field[j3] += sign * values[p + 3];
      }
      for (; p < end; p++) field[colIdx[p]] += sign * values[p];
    }
    sweep++;
    if (energy <= targetWithSlack) break;
  }
  state[Slot.energy] = energy;
  return sweep - from;
}

/**
 * Tabu iterations of the current round. Each takes the best flip over the cached flip energies
 * among the non-tabu variables, or a tabu one when it would beat the best energy seen
 * (aspiration); ties are broken at random. A flipped variable stays tabu for `tenure` iterations.
 */
function tabuIterate(ws: Workspace, rng: Xoshiro128, skipCheck: boolean): TabuStatus {
  const { n, rowPtr, colIdx, values } = ws.qubo;
  const { x, field: delta, tabuUntil, best, roundBest, state } = ws;
  let energy = state[Slot.energy];
  let bestEnergy = state[Slot.bestEnergy];
  let roundBestEnergy = state[Slot.roundBestEnergy];
  let iteration = state[Slot.iteration];
  let stall = state[Slot.stall];
  const tenure = state[Slot.tenure];
  const stallIterations = state[Slot.stallIterations];
  const iterations = state[Slot.iterations];
  let check = !skipCheck;
  let status: TabuStatus = TabuStatus.roundEnd;
  while (stall < stallIterations && iteration < iterations) {
    if (check && (iteration & (CHECK_EVERY - 1)) === 0) {
      status = TabuStatus.check;
      break;
    }
    check = true;
    iteration++;
    stall++;
    const aspiration = bestEnergy - energy - ENERGY_EPSILON;
    let move = -1;
    let moveDelta = Infinity;
    let ties = 0;
    for (let i = 0; i < n; i++) {
      const d = delta[i];
      if (tabuUntil[i] > iteration && d >= aspiration) continue;
      if (d < moveDelta) {
        moveDelta = d;
        move = i;
        ties = 1;
      } else if (d === moveDelta && rng.nextInt(++ties) === 0) {
        move = i;
      }
    }
    if (move < 0) continue;
    const sign = x[move] === 0 ? 1 : -1;
    x[move] ^= 1;
    delta[move] = -moveDelta;
    energy += moveDelta;
    for (let p = rowPtr[move]; p < rowPtr[move + 1]; p++) {
      const j = colIdx[p];
      delta[j] += x[j] === 0 ? sign * values[p] : -sign * values[p];
    }
    tabuUntil[move] = iteration + tenure;
    if (energy < roundBestEnergy - ENERGY_EPSILON) {
      roundBestEnergy = energy;
      roundBest.set(x);
      stall = 0;
      if (energy < bestEnergy - ENERGY_EPSILON) {
        bestEnergy = energy;
        best.set(x);
        status = TabuStatus.newBest;
        break;
      }
    }
  }
  state[Slot.energy] = energy;
  state[Slot.bestEnergy] = bestEnergy;
  state[Slot.roundBestEnergy] = roundBestEnergy;
  state[Slot.iteration] = iteration;
  state[Slot.stall] = stall;
  return status;
}
