import { penaltyValue, type PenaltyForm } from './penalty-form';
import { linearValue, type ResolvedConstraint } from './resolved-constraint';

/**
 * How far an assignment of the user's variables is from satisfying the constraint, in the
 * constraint's own units: |Σ aᵢxᵢ − b| for equalities and one-hot, the excess over the bound for
 * inequalities and at-most-k, and max(0, P(x)) for a custom penalty. Zero means satisfied.
 */
export function constraintViolation(constraint: ResolvedConstraint, penalty: PenaltyForm, assignment: ArrayLike<number>): number {
  const { condition } = constraint;
  if (condition.type === 'custom') return Math.max(0, penaltyValue(penalty, 1, assignment));
  const lhs = linearValue(condition.terms, assignment);
  switch (condition.relation) {
    case 'EQUAL':
      return Math.abs(lhs - condition.rhs);
    case 'LESS_OR_EQUAL':
      return Math.max(0, lhs - condition.rhs);
    case 'GREATER_OR_EQUAL':
      return Math.max(0, condition.rhs - lhs);
  }
}

/** Decimal coefficients leave rounding residue; a violation below this counts as satisfied. */
export function violationTolerance(constraint: ResolvedConstraint): number {
  const { condition } = constraint;
  const magnitude =
    condition.type === 'custom'
      ? Math.abs(condition.offset) + [...condition.linear, ...condition.quadratic].reduce((sum, term) => sum + Math.abs(term.coefficient), 0)
      : Math.abs(condition.rhs) + condition.terms.reduce((sum, term) => sum + Math.abs(term.coefficient), 0);
  return 1e-9 * Math.max(1, magnitude);
}
