import type { CompiledQubo } from '../engine/compiled-qubo';
import type { QuboModel } from './qubo-model';

/**
 * The engine's form of a model: symmetric CSR where each pair i<j appears in row i and in row j
 * with the same coupling, columns ascending within a row. Pairs whose terms summed to exactly zero
 * are left out: they change no energy and would only cost the solver time.
 */
export function toCompiledQubo(model: QuboModel): CompiledQubo {
  const n = model.size;
  const degree = new Int32Array(n);
  // Sorted by (i, j), filling makes every row ascending: row i first receives its lower
  // neighbours k < i (from earlier pairs, in k order), then its own upper neighbours in j order.
  const pairs = [...model.quadraticTerms()].filter((term) => term[2] !== 0).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [i, j] of pairs) {
    degree[i]++;
    degree[j]++;
  }
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i] + degree[i];
  const colIdx = new Int32Array(rowPtr[n]);
  const values = new Float64Array(rowPtr[n]);
  const fill = rowPtr.slice(0, n);
  for (const [i, j, coupling] of pairs) {
    colIdx[fill[i]] = j;
    values[fill[i]++] = coupling;
    colIdx[fill[j]] = i;
    values[fill[j]++] = coupling;
  }
  const linear = new Float64Array(n);
  for (let i = 0; i < n; i++) linear[i] = model.linear(i);
  return { n, offset: model.offset, linear, rowPtr, colIdx, values };
}

/** E(x) = offset + Σ linear_i x_i + Σ_{i<j} J_ij x_i x_j, reading each pair once (from its lower row). */
export function compiledQuboEnergy(qubo: CompiledQubo, assignment: ArrayLike<number>): number {
  let energy = qubo.offset;
  for (let i = 0; i < qubo.n; i++) {
    if (assignment[i] === 0) continue;
    energy += qubo.linear[i];
    for (let k = qubo.rowPtr[i]; k < qubo.rowPtr[i + 1]; k++) {
      const j = qubo.colIdx[k];
      if (j > i && assignment[j] !== 0) energy += qubo.values[k];
    }
  }
  return energy;
}
