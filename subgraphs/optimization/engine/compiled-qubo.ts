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
