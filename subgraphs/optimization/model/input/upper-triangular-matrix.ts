import { describe, invalidQubo, requireFinite } from '../model-error';
import { assertQuadraticTermCountWithin, assertVariableCountWithin, DEFAULT_MODEL_LIMITS, type ModelLimits } from '../model-limits';
import { QuboModel, type ObjectiveSense } from '../qubo-model';

export interface MatrixOptions {
  /** Names for the rows/columns; default x0 … x(n−1), matching the 0-based matrix indices. */
  readonly variables?: readonly string[];
  readonly offset?: number;
  readonly sense?: ObjectiveSense;
  readonly limits?: ModelLimits;
}

/**
 * E(x) = Σ_{i<=j} Q[i][j]·x_i·x_j for a square matrix whose entries below the diagonal are zero.
 * Each entry counts once (unlike the OR-Library files): Q[i][i] is linear, Q[i][j] the pair's
 * whole coefficient. A non-zero entry below the diagonal is refused rather than guessed at, since
 * "add it" and "it mirrors the upper entry" are both common and give different problems.
 */
export function parseUpperTriangularMatrix(matrix: readonly (readonly number[])[], options: MatrixOptions = {}): QuboModel {
  const limits = options.limits ?? DEFAULT_MODEL_LIMITS;
  if (!Array.isArray(matrix) || matrix.length === 0) throw invalidQubo(`the matrix must be a non-empty list of rows, got ${describe(matrix)}`, 'matrix');
  const n = matrix.length;
  assertVariableCountWithin(n, limits);
  const names = options.variables ?? Array.from({ length: n }, (_, i) => `x${i}`);
  if (names.length !== n) throw invalidQubo(`variables names ${names.length} variables but the matrix has ${n} rows`, 'variables');
  const sign = options.sense === 'MAXIMIZE' ? -1 : 1;
  const model = new QuboModel(options.sense ?? 'MINIMIZE');
  names.forEach((name, i) => {
    if (model.hasVariable(name)) throw invalidQubo(`variables[${i}]: variable "${name}" is declared twice`, `variables[${i}]`);
    model.addVariable(name);
  });
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) throw invalidQubo(`matrix[${i}] must be a row of ${n} numbers (the matrix is square)`, `matrix[${i}]`);
    row.forEach((entry, j) => {
      const value = requireFinite(entry, `matrix[${i}][${j}]`);
      if (value === 0) return;
      if (j < i) throw invalidQubo(`matrix[${i}][${j}] is below the diagonal and must be 0 in an upper-triangular matrix, got ${value}`, `matrix[${i}][${j}]`);
      model.addQuadratic(i, j, sign * value);
    });
  });
  if (options.offset !== undefined) model.addOffset(sign * requireFinite(options.offset, 'offset'));
  assertQuadraticTermCountWithin(model.quadraticTermCount, limits);
  return model;
}
