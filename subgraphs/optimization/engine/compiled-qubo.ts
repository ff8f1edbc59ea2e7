/**
 * The form the solver engine works on: a QUBO over n binary variables, minimised,
 *
 *   E(x) = offset + Σ_i linear[i]·x_i + Σ_{i<j} J_ij·x_i·x_j
 *
 * with the couplings J stored as a symmetric compressed sparse row adjacency: the neighbours of
 * variable i are colIdx[rowPtr[i] .. rowPtr[i+1]) with couplings values[...] (each pair i<j
 * appears twice, once in each row, with the same J_ij; no diagonal entries, duplicates summed).
 * Typed arrays so the hot loops touch contiguous memory and can be shared with worker threads.
 * The model layer (subgraphs/optimization/model) compiles problems and constraints into it.
 */
export interface CompiledQubo {
  readonly n: number;
  readonly offset: number;
  readonly linear: Float64Array;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

/** One quadratic term J·x_i·x_j of an uncompiled problem (i ≠ j; order does not matter). */
export interface PairTerm {
  readonly i: number;
  readonly j: number;
  readonly value: number;
}

/**
 * Builds the CSR form from loose terms: duplicate pairs (in either order) are summed, a pair
 * with i = j is a linear term (x·x = x for binaries), pairs that sum to zero are dropped.
 */
export function compileFromTerms(
  n: number,
  linear: ArrayLike<number>,
  pairs: Iterable<PairTerm>,
  offset = 0,
): CompiledQubo {
  const lin = new Float64Array(n);
  for (let i = 0; i < n; i++) lin[i] = linear[i] ?? 0;
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (const { i, j, value } of pairs) {
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= n || j >= n) {
      throw new RangeError(`pair (${i}, ${j}) is outside 0..${n - 1}`);
    }
    if (i === j) {
      lin[i] += value;
      continue;
    }
    rows[i].set(j, (rows[i].get(j) ?? 0) + value);
    rows[j].set(i, (rows[j].get(i) ?? 0) + value);
  }
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let kept = 0;
    for (const v of rows[i].values()) if (v !== 0) kept++;
    rowPtr[i + 1] = rowPtr[i] + kept;
  }
  const colIdx = new Int32Array(rowPtr[n]);
  const values = new Float64Array(rowPtr[n]);
  for (let i = 0; i < n; i++) {
    const entries = [...rows[i].entries()].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
    let p = rowPtr[i];
    for (const [j, v] of entries) {
      colIdx[p] = j;
      values[p++] = v;
    }
  }
  return { n, offset, linear: lin, rowPtr, colIdx, values };
}

/** E(x) computed from scratch; the solvers use it to report exact energies after incremental updates. */
export function energyOf(qubo: CompiledQubo, x: ArrayLike<number>): number {
  const { n, linear, rowPtr, colIdx, values } = qubo;
  let e = qubo.offset;
  for (let i = 0; i < n; i++) {
    if (!x[i]) continue;
    e += linear[i];
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const j = colIdx[p];
      if (j > i && x[j]) e += values[p];
    }
  }
  return e;
}

/** Number of distinct coupled pairs (each stored twice in the CSR). */
export function pairCount(qubo: CompiledQubo): number {
  return qubo.rowPtr[qubo.n] / 2;
}
