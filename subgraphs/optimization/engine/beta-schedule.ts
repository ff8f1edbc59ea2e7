import type { CompiledQubo } from './compiled-qubo';

export type ScheduleKind = 'geometric' | 'linear';

export interface BetaRange {
  readonly hot: number;
  readonly cold: number;
}

/** Probability with which the largest possible uphill flip is still accepted at the hot end. */
export const HOT_ACCEPTANCE = 0.5;
/**
 * Probability with which the smallest uphill flip is accepted at the cold end. 1 % (neal's
 * choice) left G11/G14 (toroidal/planar Max-Cut) hopping between near-optimal states at the end
 * of the anneal (final states ~2 % below their own polished value); 1e-6 freezes them.
 */
export const COLD_ACCEPTANCE = 1e-6;

/**
 * The β range from the coefficients, the way dwave-neal picks its default. Flipping x_i changes
 * E by ±(h_i + Σ_j J_ij·x_j), and that field lies between h_i + Σ(negative J_ij) and
 * h_i + Σ(positive J_ij), so the larger of the two magnitudes bounds the largest flip energy of i
 * (exactly, not the loose |h_i| + Σ|J_ij|, which would start far hotter than needed). At β_hot
 * even the largest flip is accepted with probability ½, so the walk starts free. The smallest
 * nonzero flip energy is at least the smallest nonzero |coefficient|; at β_cold it is accepted
 * with probability COLD_ACCEPTANCE, so the walk ends in a local minimum it is unlikely to leave.
 */
export function betaRangeFor(qubo: CompiledQubo): BetaRange {
  const { n, linear, rowPtr, values } = qubo;
  let maxDelta = 0;
  let minDelta = Infinity;
  for (let i = 0; i < n; i++) {
    let positive = 0;
    let negative = 0;
    const h = Math.abs(linear[i]);
    if (h > 0 && h < minDelta) minDelta = h;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const v = values[p];
      if (v > 0) positive += v;
      else negative += v;
      const a = Math.abs(v);
      if (a > 0 && a < minDelta) minDelta = a;
    }
    const bound = Math.max(Math.abs(linear[i] + positive), Math.abs(linear[i] + negative));
    if (bound > maxDelta) maxDelta = bound;
  }
  if (maxDelta === 0) return { hot: 1, cold: 1 };
  const hot = Math.log(1 / HOT_ACCEPTANCE) / maxDelta;
  const cold = Math.log(1 / COLD_ACCEPTANCE) / minDelta;
  return { hot, cold: Math.max(cold, hot) };
}

/** β for each sweep, from hot to cold. */
export function betaSchedule(range: BetaRange, sweeps: number, kind: ScheduleKind): Float64Array {
  const betas = new Float64Array(sweeps);
  if (sweeps === 1) {
    betas[0] = range.cold;
    return betas;
  }
  const ratio = range.cold / range.hot;
  for (let k = 0; k < sweeps; k++) {
    const t = k / (sweeps - 1);
    betas[k] = kind === 'geometric' ? range.hot * Math.pow(ratio, t) : range.hot + (range.cold - range.hot) * t;
  }
  return betas;
}
