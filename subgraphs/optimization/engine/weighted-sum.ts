import { compileFromTerms, type CompiledQubo, type PairTerm } from './compiled-qubo';

/** Σ_k w_k·Q_k over QUBOs on the same variables, as one compiled QUBO. */
export function weightedSum(qubos: readonly CompiledQubo[], weights: readonly number[]): CompiledQubo {
  if (qubos.length === 0 || qubos.length !== weights.length) throw new RangeError('need one weight per QUBO and at least one QUBO');
  const n = qubos[0].n;
  const linear = new Float64Array(n);
  const pairs: PairTerm[] = [];
  let offset = 0;
  qubos.forEach((q, k) => {
    if (q.n !== n) throw new RangeError(`all objectives must have ${n} variables, one has ${q.n}`);
    const w = weights[k];
    offset += w * q.offset;
    for (let i = 0; i < n; i++) {
      linear[i] += w * q.linear[i];
      for (let p = q.rowPtr[i]; p < q.rowPtr[i + 1]; p++) if (q.colIdx[p] > i) pairs.push({ i, j: q.colIdx[p], value: w * q.values[p] });
    }
  });
  return compileFromTerms(n, linear, pairs, offset);
}

/** Largest |coefficient|, used to put objectives on a comparable scale before weighting. */
export function coefficientScale(qubo: CompiledQubo): number {
  let scale = 0;
  for (const v of qubo.linear) scale = Math.max(scale, Math.abs(v));
  for (const v of qubo.values) scale = Math.max(scale, Math.abs(v));
  return scale || 1;
}
