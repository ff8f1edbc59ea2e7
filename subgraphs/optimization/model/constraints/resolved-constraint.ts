import type { ConstraintKind } from './constraint';

/** A term on a model variable, by index. */
export interface IndexedTerm {
  readonly index: number;
  readonly coefficient: number;
}

export interface IndexedPair {
  readonly i: number;
  readonly j: number;
  readonly coefficient: number;
}

/** Σ coefficientᵢ·xᵢ (relation) rhs, each variable once. One-hot and at-most-k become this too. */
export interface LinearCondition {
  readonly type: 'linear';
  readonly terms: readonly IndexedTerm[];
  readonly relation: 'EQUAL' | 'LESS_OR_EQUAL' | 'GREATER_OR_EQUAL';
  readonly rhs: number;
}

/** P(x) = offset + Σ linear + Σ quadratic, satisfied when P(x) ≤ 0 (in practice: = 0). */
export interface CustomCondition {
  readonly type: 'custom';
  readonly linear: readonly IndexedTerm[];
  readonly quadratic: readonly IndexedPair[];
  readonly offset: number;
}

/** A validated constraint over model indices; what compilation and evaluation work from. */
export interface ResolvedConstraint {
  readonly id: string;
  readonly kind: ConstraintKind;
  /** Where it came from in the caller's list, e.g. `constraints[2]`, for error fields. */
  readonly path: string;
  readonly penaltyWeight: number;
  readonly condition: LinearCondition | CustomCondition;
  /** AT_MOST_K with k = 1 uses the pairwise penalty Σ_{i<j} xᵢxⱼ instead of a slack variable. */
  readonly pairwise: boolean;
}

/** Smallest and largest value Σ aᵢxᵢ can take over 0/1 assignments. */
export function linearBounds(terms: readonly IndexedTerm[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const { coefficient } of terms) {
    if (coefficient < 0) min += coefficient;
    else max += coefficient;
  }
  return { min, max };
}

export function linearValue(terms: readonly IndexedTerm[], assignment: ArrayLike<number>): number {
  let value = 0;
  for (const { index, coefficient } of terms) if (assignment[index] !== 0) value += coefficient;
  return value;
}
