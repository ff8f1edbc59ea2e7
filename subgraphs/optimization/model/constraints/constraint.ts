import type { LinearTerm, QuadraticTerm } from '../terms';

/**
 * A constraint as clients state it. `penaltyWeight` (≥ 0) multiplies the constraint's penalty
 * expression in the objective; it is the parameter constraint evolution tunes. Each kind's penalty
 * is zero exactly when the constraint holds (for inequalities: with the best slack values):
 *
 * - linear_equality    Σ aᵢxᵢ = b           weight·(Σ aᵢxᵢ − b)²
 * - linear_inequality  Σ aᵢxᵢ ≤ b / ≥ b     weight·(Σ aᵢxᵢ ± s − b)², s ≥ 0 a binary-encoded slack
 * - one_hot            exactly one of xᵢ    weight·(Σ xᵢ − 1)²
 * - at_most_k          Σ xᵢ ≤ k             k = 1: weight·Σ_{i<j} xᵢxⱼ; otherwise as the inequality
 * - custom_penalty     given terms P(x)     weight·P(x); meant to be ≥ 0 and 0 when satisfied
 */
export type Constraint =
  | LinearEqualityConstraint
  | LinearInequalityConstraint
  | OneHotConstraint
  | AtMostKConstraint
  | CustomPenaltyConstraint;

export type ConstraintKind = Constraint['kind'];

interface ConstraintBase {
  readonly id: string;
  readonly penaltyWeight: number;
}

export interface LinearEqualityConstraint extends ConstraintBase {
  readonly kind: 'linear_equality';
  readonly terms: readonly LinearTerm[];
  readonly rhs: number;
}

export interface LinearInequalityConstraint extends ConstraintBase {
  readonly kind: 'linear_inequality';
  readonly terms: readonly LinearTerm[];
  readonly relation: '<=' | '>=';
  readonly rhs: number;
}

export interface OneHotConstraint extends ConstraintBase {
  readonly kind: 'one_hot';
  readonly variables: readonly string[];
}

export interface AtMostKConstraint extends ConstraintBase {
  readonly kind: 'at_most_k';
  readonly variables: readonly string[];
  readonly k: number;
}

export interface CustomPenaltyConstraint extends ConstraintBase {
  readonly kind: 'custom_penalty';
  readonly linear?: readonly LinearTerm[];
  readonly quadratic?: readonly QuadraticTerm[];
  readonly offset?: number;
}

export const CONSTRAINT_KINDS: readonly ConstraintKind[] = ['linear_equality', 'linear_inequality', 'one_hot', 'at_most_k', 'custom_penalty'];
