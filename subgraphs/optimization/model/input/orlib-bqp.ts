import { assertQuadraticTermCountWithin, assertVariableCountWithin, DEFAULT_MODEL_LIMITS, type ModelLimits } from '../model-limits';
import { invalidQubo } from '../model-error';
import { QuboModel } from '../qubo-model';
import { decodeText, NumberedLines } from './numbered-lines';

export interface BqpOptions {
  /** Which instance of the file, 1-based as in the literature (`bqp50.1` … `bqp50.10`). */
  readonly instance: number;
  readonly limits?: ModelLimits;
}

/**
 * Reads one instance of a Beasley OR-Library `bqp` file:
 *
 *   K                       instances in the file
 *   n nnz                   header of instance 1
 *   i j q                   nnz entries, 1-based, i <= j, each off-diagonal entry standing for q_ij and q_ji
 *   n nnz ...               instance 2, and so on
 *
 * The file's problem is: maximise Σ_i q_ii x_i + 2·Σ_{i<j} q_ij x_i x_j (Q symmetric, listed once).
 * The model minimises, so it stores linear −q_ii and quadratic −2·q_ij with sourceSense 'MAXIMIZE';
 * `model.toSourceObjective(energy)` gives the value the best-known tables quote. Entries are read
 * by count, never by shape: a diagonal entry such as "50 50 -60" looks exactly like a header.
 * Variables are named x1 … xn after the file's own numbering. Accepts the gzip file as bytes.
 */
export function parseBqp(source: string | Uint8Array, options: BqpOptions): QuboModel {
  const limits = options.limits ?? DEFAULT_MODEL_LIMITS;
  const lines = new NumberedLines(decodeText(source), 'bqp');
  const instanceCount = lines.record(['instances'], 'the number of instances').integer('instances', 1);
  if (!Number.isInteger(options.instance) || options.instance < 1 || options.instance > instanceCount) {
    throw invalidQubo(`instance must be within 1..${instanceCount} for this file, got ${options.instance}`, 'instance');
  }
  for (let instance = 1; ; instance++) {
    const header = lines.record(['n', 'nnz'], `the header "n nnz" of instance ${instance}`);
    const n = header.integer('n', 1);
    const entryCount = header.integer('nnz', 0);
    if (instance < options.instance) {
      for (let entry = 0; entry < entryCount; entry++) lines.record(['i', 'j', 'q'], `entry ${entry + 1} of instance ${instance}`);
      continue;
    }
    assertVariableCountWithin(n, limits, `bqp instance ${instance}`);
    const model = new QuboModel('MAXIMIZE');
    for (let index = 1; index <= n; index++) model.addVariable(`x${index}`);
    for (let entry = 0; entry < entryCount; entry++) {
      const record = lines.record(['i', 'j', 'q'], `entry ${entry + 1} of ${entryCount} of instance ${instance}`);
      const i = record.integer('i', 1, n) - 1;
      const j = record.integer('j', 1, n) - 1;
      const q = record.number('q');
      if (i === j) model.addLinear(i, -q);
      else model.addQuadratic(i, j, -2 * q);
    }
    assertQuadraticTermCountWithin(model.quadraticTermCount, limits, `bqp instance ${instance}`);
    return model;
  }
}
