import type { CompiledQubo } from '../../engine/compiled-qubo';
import { seededRandom } from './brute-force';

/**
 * A deliberately plain single-flip tabu search, only for tests: it finds the known optimum of a
 * 50-variable bqp instance in milliseconds, so a test can show that the parsed objective (with its
 * factor 2 and sign) reproduces the published value. The real solvers live in engine/.
 */
export function tabuReference(qubo: CompiledQubo, { iterations, seed }: { iterations: number; seed: number }): { energy: number; assignment: Uint8Array } {
  const random = seededRandom(seed);
  const n = qubo.n;
  const x = new Uint8Array(n).map(() => (random() < 0.5 ? 1 : 0));
  // delta[i]: energy change of flipping x_i.
  const delta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let field = qubo.linear[i];
    for (let k = qubo.rowPtr[i]; k < qubo.rowPtr[i + 1]; k++) if (x[qubo.colIdx[k]]) field += qubo.values[k];
    delta[i] = x[i] ? -field : field;
  }
  let energy = qubo.offset;
  for (let i = 0; i < n; i++) if (x[i]) energy += qubo.linear[i];
  for (let i = 0; i < n; i++) for (let k = qubo.rowPtr[i]; k < qubo.rowPtr[i + 1]; k++) if (x[i] && x[qubo.colIdx[k]] && qubo.colIdx[k] > i) energy += qubo.values[k];
  let best = { energy, assignment: x.slice() };
  const tabuUntil = new Int32Array(n);
  const tenure = Math.max(5, Math.floor(n / 5));
  for (let iteration = 1; iteration <= iterations; iteration++) {
    let move = -1;
    for (let i = 0; i < n; i++) {
      const aspiration = energy + delta[i] < best.energy - 1e-9;
      if (tabuUntil[i] > iteration && !aspiration) continue;
      if (move < 0 || delta[i] < delta[move]) move = i;
    }
    if (move < 0) continue;
    energy += delta[move];
    const sign = x[move] ? -1 : 1;
    x[move] ^= 1;
    delta[move] = -delta[move];
    for (let k = qubo.rowPtr[move]; k < qubo.rowPtr[move + 1]; k++) {
      const j = qubo.colIdx[k];
      delta[j] += sign * qubo.values[k] * (x[j] ? -1 : 1);
    }
    tabuUntil[move] = iteration + tenure;
    if (energy < best.energy - 1e-9) best = { energy, assignment: x.slice() };
  }
  return best;
}
