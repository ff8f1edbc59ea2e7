import type { LinearTerm, QuadraticTerm } from '../terms';

/**
 * A constraint as clients state it. `penaltyWeight` (≥ 0) multiplies the constraint's penalty
 * expression in the objective; it is the parameter constraint evolution tunes. Each kind's penalty
 * is zero exactly when the constraint holds (for inequalities: with the best slack values):
 *
 * - LINEAR_EQUALITY    Σ aᵢxᵢ = b           weight·(Σ aᵢxᵢ − b)²
 * - LINEAR_INEQUALITY  Σ aᵢxᵢ ≤ b / ≥ b     weight·(Σ aᵢxᵢ ± s − b)², s ≥ 0 a binary-encoded slack
 * - ONE_HOT            exactly one of xᵢ    weight·(Σ xᵢ − 1)²
 * - AT_MOST_K          Σ xᵢ ≤ k             k = 1: weight·Σ_{i<j} xᵢxⱼ; otherwise as the inequality
 * - CUSTOM_PENALTY     given terms P(x)     weight·P(x); meant to be ≥ 0 and 0 when satisfied
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
  readonly kind: 'LINEAR_EQUALITY';
  readonly terms: readonly LinearTerm[];
  readonly rhs: number;
}

export interface LinearInequalityConstraint extends ConstraintBase {
  readonly kind: 'LINEAR_INEQUALITY';
  readonly terms: readonly LinearTerm[];
  readonly relation: 'LESS_OR_EQUAL' | 'GREATER_OR_EQUAL';
  readonly rhs: number;
}

export interface OneHotConstraint extends ConstraintBase {
  readonly kind: 'ONE_HOT';
  readonly variables: readonly string[];
}

export interface AtMostKConstraint extends ConstraintBase {
  readonly kind: 'AT_MOST_K';
  readonly variables: readonly string[];
  readonly k: number;
}

export interface CustomPenaltyConstraint extends ConstraintBase {
  readonly kind: 'CUSTOM_PENALTY';
  readonly linear?: readonly LinearTerm[];
  readonly quadratic?: readonly QuadraticTerm[];
  readonly offset?: number;
}

export const CONSTRAINT_KINDS: readonly ConstraintKind[] = ['LINEAR_EQUALITY', 'LINEAR_INEQUALITY', 'ONE_HOT', 'AT_MOST_K', 'CUSTOM_PENALTY'];
