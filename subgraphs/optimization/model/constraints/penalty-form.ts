import type { QuboModel } from '../qubo-model';
import { linearValue, type IndexedPair, type IndexedTerm } from './resolved-constraint';
import { slackBits } from './slack-encoding';

/** Slack bits s_k entering a squared penalty as sign·Σ units_k·s_k / scale. */
export interface SlackEncoding {
  readonly indices: readonly number[];
  readonly units: readonly number[];
  readonly sign: 1 | -1;
  readonly scale: number;
  /** Largest slack value, in units of 1/scale (= Σ units). */
  readonly range: number;
}

/** The shape a constraint's penalty takes in the QUBO, before the weight multiplies it. */
export type PenaltyForm =
  /** (Σ cᵢxᵢ + constant + slack)² */
  | { readonly form: 'squared'; readonly terms: readonly IndexedTerm[]; readonly constant: number; readonly slack?: SlackEncoding }
  /** Σ_{i<j} xᵢxⱼ: zero when at most one is set */
  | { readonly form: 'pairwise'; readonly indices: readonly number[] }
  /** offset + Σ linear + Σ quadratic, as given */
  | { readonly form: 'custom'; readonly linear: readonly IndexedTerm[]; readonly quadratic: readonly IndexedPair[]; readonly offset: number }
  /** an inequality every assignment satisfies: nothing to add */
  | { readonly form: 'none' };

/** Adds weight·penalty to the model's terms. */
export function addPenaltyTerms(model: QuboModel, penalty: PenaltyForm, weight: number): void {
  if (weight === 0) return;
  switch (penalty.form) {
    case 'squared': {
      // w·(Σ cᵢyᵢ + c)² = w·(Σ cᵢ²yᵢ + 2Σ_{i<j} cᵢcⱼyᵢyⱼ + 2cΣ cᵢyᵢ + c²), using yᵢ² = yᵢ.
      const terms = squaredTerms(penalty);
      const c = penalty.constant;
      model.addOffset(weight * c * c);
      for (let a = 0; a < terms.length; a++) {
        const { index, coefficient } = terms[a];
        model.addLinear(index, weight * (coefficient * coefficient + 2 * c * coefficient));
        for (let b = a + 1; b < terms.length; b++) model.addQuadratic(index, terms[b].index, 2 * weight * coefficient * terms[b].coefficient);
      }
      return;
    }
    case 'pairwise':
      for (let a = 0; a < penalty.indices.length; a++) {
        for (let b = a + 1; b < penalty.indices.length; b++) model.addQuadratic(penalty.indices[a], penalty.indices[b], weight);
      }
      return;
    case 'custom':
      model.addOffset(weight * penalty.offset);
      for (const { index, coefficient } of penalty.linear) model.addLinear(index, weight * coefficient);
      for (const { i, j, coefficient } of penalty.quadratic) model.addQuadratic(i, j, weight * coefficient);
      return;
    case 'none':
      return;
  }
}

/** weight·penalty for a full assignment (user and slack variables), computed from the form directly. */
export function penaltyValue(penalty: PenaltyForm, weight: number, assignment: ArrayLike<number>): number {
  switch (penalty.form) {
    case 'squared': {
      const residual = linearValue(squaredTerms(penalty), assignment) + penalty.constant;
      return weight * residual * residual;
    }
    case 'pairwise': {
      const ones = penalty.indices.reduce((count, index) => count + (assignment[index] !== 0 ? 1 : 0), 0);
      return (weight * ones * (ones - 1)) / 2;
    }
    case 'custom': {
      let value = penalty.offset + linearValue(penalty.linear, assignment);
      for (const { i, j, coefficient } of penalty.quadratic) if (assignment[i] !== 0 && assignment[j] !== 0) value += coefficient;
      return weight * value;
    }
    case 'none':
      return 0;
  }
}

/**
 * Sets the slack bits (in place) to the value that minimises the squared penalty for the user
 * variables as assigned: the slack that closes the gap to the bound, clamped to its range.
 */
export function optimiseSlack(penalty: PenaltyForm, assignment: number[] | Uint8Array): void {
  if (penalty.form !== 'squared' || !penalty.slack) return;
  const { slack } = penalty;
  const residual = linearValue(penalty.terms, assignment) + penalty.constant;
  const wanted = Math.round(-slack.sign * residual * slack.scale);
  const bits = slackBits(Math.min(slack.range, Math.max(0, wanted)), slack.units);
  slack.indices.forEach((index, k) => (assignment[index] = bits[k]));
}

function squaredTerms(penalty: Extract<PenaltyForm, { form: 'squared' }>): IndexedTerm[] {
  if (!penalty.slack) return [...penalty.terms];
  const { indices, units, sign, scale } = penalty.slack;
  return [...penalty.terms, ...indices.map((index, k) => ({ index, coefficient: (sign * units[k]) / scale }))];
}
