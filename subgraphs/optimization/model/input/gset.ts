import { assertQuadraticTermCountWithin, assertVariableCountWithin, DEFAULT_MODEL_LIMITS, type ModelLimits } from '../model-limits';
import { QuboModel } from '../qubo-model';
import { addMaxCutEdge } from '../templates/max-cut-terms';
import { decodeText, NumberedLines } from './numbered-lines';

export interface GsetOptions {
  readonly limits?: ModelLimits;
}

/**
 * Reads a Gset graph (`n m`, then m lines `u v w`, 1-based, undirected) as the Max-Cut QUBO:
 * maximise cut(x) = Σ_(u,v) w_uv (x_u + x_v − 2 x_u x_v), stored negated with sourceSense
 * 'MAXIMIZE' so `model.toSourceObjective(energy)` is the cut value. Vertices become x1 … xn.
 * Repeated edges add up; a self-loop cuts nothing and contributes nothing.
 */
export function parseGset(source: string | Uint8Array, options: GsetOptions = {}): QuboModel {
  const limits = options.limits ?? DEFAULT_MODEL_LIMITS;
  const lines = new NumberedLines(decodeText(source), 'gset');
  const header = lines.record(['n', 'm'], 'the header "n m"');
  const n = header.integer('n', 1);
  const edgeCount = header.integer('m', 0);
  assertVariableCountWithin(n, limits, 'the graph');
  const model = new QuboModel('MAXIMIZE');
  for (let vertex = 1; vertex <= n; vertex++) model.addVariable(`x${vertex}`);
  for (let edge = 0; edge < edgeCount; edge++) {
    const record = lines.record(['u', 'v', 'w'], `edge ${edge + 1} of ${edgeCount}`);
    addMaxCutEdge(model, record.integer('u', 1, n) - 1, record.integer('v', 1, n) - 1, record.number('w'));
  }
  const extra = lines.nextContentLine();
  if (extra !== undefined) throw lines.error(extra, `the header announces ${edgeCount} edges but more lines follow`);
  assertQuadraticTermCountWithin(model.quadraticTermCount, limits, 'the graph');
  return model;
}
