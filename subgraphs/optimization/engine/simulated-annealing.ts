import type { CompiledQubo } from './compiled-qubo';
import type { Xoshiro128 } from './prng';
import { ENERGY_EPSILON, reachedTarget, shouldStop, type RunControl } from './run-control';

/** β·ΔE above this means exp(−β·ΔE) < 4e-18: the move is rejected without drawing a number. */
const UNDERFLOW_EXPONENT = 40;

export interface AnnealOutcome {
  readonly x: Uint8Array;
  /** Energy including the offset, tracked incrementally. */
  readonly energy: number;
  readonly flipsAttempted: number;
  readonly stoppedEarly: boolean;
}

/**
 * One Metropolis anneal from a random state, sweeping the variables in order (as dwave-neal
 * does) with β taken from the schedule one sweep at a time.
 *
 * The cache is the local field f_i = h_i + Σ_j J_ij·x_j, and the flip energy is ±f_i (+ when x_i
 * is 0). A rejected attempt costs one compare, plus a random draw only when acceptance is
 * possible at all; an accepted flip adds ±J_ij to its neighbours' fields only. Keeping fields
 * rather than flip energies makes that update independent of the neighbours' own bits (no
 * data-dependent branch, one load fewer). The hot loop reads typed arrays held in locals and
 * allocates nothing; stop conditions are checked once per sweep.
 */
export function anneal(qubo: CompiledQubo, betas: Float64Array, rng: Xoshiro128, control: RunControl): AnnealOutcome {
  const n = qubo.n;
  const rowPtr = qubo.rowPtr;
  const colIdx = qubo.colIdx;
  const values = qubo.values;
  const x = new Uint8Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.nextUint32() & 1;
  const field = new Float64Array(n);
  let energy = qubo.offset;
  for (let i = 0; i < n; i++) {
    let f = qubo.linear[i];
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) if (x[colIdx[p]] !== 0) f += values[p];
    field[i] = f;
    // Σ_i x_i·(h_i + f_i)/2 counts each coupling once.
    if (x[i] !== 0) energy += (qubo.linear[i] + f) / 2;
  }

  const targetWithSlack = control.targetEnergy + ENERGY_EPSILON;
  let flipsAttempted = 0;
  let stoppedEarly = false;
  for (let sweep = 0; sweep < betas.length; sweep++) {
    if (shouldStop(control)) {
      stoppedEarly = true;
      break;
    }
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
        const u = rng.nextUint32() * 2.3283064365386963e-10;
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
    flipsAttempted += n;
    if (energy <= targetWithSlack && reachedTarget(control, energy)) {
      stoppedEarly = true;
      break;
    }
  }
  return { x, energy, flipsAttempted, stoppedEarly };
}
