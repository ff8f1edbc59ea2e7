import type { CompiledQubo } from './compiled-qubo';

/**
 * delta[i] = E(x with bit i flipped) − E(x) = (1 − 2·x_i)·(h_i + Σ_j J_ij·x_j). Computed once per
 * start state; the kernels then keep it current by touching only the neighbours of a flip.
 */
export function computeFlipDeltas(qubo: CompiledQubo, x: Uint8Array, delta: Float64Array): void {
  const { n, linear, rowPtr, colIdx, values } = qubo;
  for (let i = 0; i < n; i++) {
    let field = linear[i];
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) if (x[colIdx[p]] !== 0) field += values[p];
    delta[i] = x[i] === 0 ? field : -field;
  }
}

/** Flips bit k and updates the cached deltas of k and its neighbours. */
export function applyFlip(qubo: CompiledQubo, x: Uint8Array, delta: Float64Array, k: number): void {
  const { rowPtr, colIdx, values } = qubo;
  const rising = x[k] === 0 ? 1 : -1;
  x[k] ^= 1;
  delta[k] = -delta[k];
  for (let p = rowPtr[k]; p < rowPtr[k + 1]; p++) {
    const j = colIdx[p];
    delta[j] += x[j] === 0 ? rising * values[p] : -rising * values[p];
  }
}
