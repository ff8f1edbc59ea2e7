import { assertVariableCountWithin, DEFAULT_MODEL_LIMITS, type ModelLimits } from '../model-limits';
import type { QuboModel } from '../qubo-model';
import { decodeText, NumberedLines } from './numbered-lines';
import { parseUpperTriangularMatrix } from './upper-triangular-matrix';

export interface MatrixTextOptions {
  readonly limits?: ModelLimits;
}

/**
 * Reads an upper-triangular QUBO matrix written as text: one row per line, numbers separated by
 * spaces or tabs, as many rows as the first row has numbers (blank lines are skipped). The
 * matrix means what parseUpperTriangularMatrix says; here every complaint names its line.
 */
export function parseMatrixText(source: string | Uint8Array, options: MatrixTextOptions = {}): QuboModel {
  const limits = options.limits ?? DEFAULT_MODEL_LIMITS;
  const lines = new NumberedLines(decodeText(source), 'matrix');
  const first = lines.numbers('row 1');
  const n = first.values.length;
  assertVariableCountWithin(n, limits, 'the matrix');
  const rows = [first.values];
  for (let row = 2; row <= n; row++) {
    const { values, line } = lines.numbers(`row ${row} of ${n}`);
    if (values.length !== n) throw lines.error(line, `row ${row} has ${values.length} numbers; the matrix is ${n}×${n} (row 1 has ${n})`);
    const below = values.findIndex((value, column) => column < row - 1 && value !== 0);
    if (below >= 0) throw lines.error(line, `number ${below + 1} of row ${row} is below the diagonal and must be 0 in an upper-triangular matrix, got ${values[below]}`);
    rows.push(values);
  }
  const extra = lines.nextContentLine();
  if (extra !== undefined) throw lines.error(extra, `the matrix has ${n} rows (as many as row 1 has numbers) but more lines follow`);
  return parseUpperTriangularMatrix(rows, { limits });
}
