import { invalidConstraint } from '../model-error';
import type { PenaltyForm } from './penalty-form';
import { linearBounds, type LinearCondition, type ResolvedConstraint } from './resolved-constraint';
import { integerScale, slackUnits } from './slack-encoding';

/** Adds `count` slack variables for the constraint and returns their model indices. */
export type SlackAllocator = (constraintId: string, count: number) => number[];

/**
 * Chooses the penalty of a validated constraint. Inequalities Σ aᵢxᵢ ≤ b (≥ b) become equalities
 * with a slack s ≥ 0: (Σ aᵢxᵢ + s − b)² (or − s). The rule for non-integer data: the coefficients
 * are scaled by the smallest power of ten up to 10⁶ that makes them integers, and b is rounded
 * inward onto that grid (down for ≤, up for ≥; an equivalent constraint for 0/1 variables); the
 * slack then takes the values 0, 1/scale, …, up to the largest gap a feasible assignment can
 * leave. An inequality that every assignment satisfies gets no penalty and no slack.
 */
export function penaltyFormFor(constraint: ResolvedConstraint, allocateSlack: SlackAllocator): PenaltyForm {
  const { condition } = constraint;
  if (condition.type === 'custom') return { form: 'custom', linear: condition.linear, quadratic: condition.quadratic, offset: condition.offset };
  if (constraint.pairwise) return { form: 'pairwise', indices: condition.terms.map((term) => term.index) };
  if (condition.relation === 'EQUAL') return { form: 'squared', terms: condition.terms, constant: -condition.rhs };
  return inequalityPenalty(constraint, condition, allocateSlack);
}

function inequalityPenalty({ id, path }: ResolvedConstraint, condition: LinearCondition, allocateSlack: SlackAllocator): PenaltyForm {
  const scale = integerScale(condition.terms.map((term) => term.coefficient));
  if (scale === undefined) {
    throw invalidConstraint(`constraint "${id}": inequality coefficients must be integers or have at most 6 decimal places`, `${path}.terms`);
  }
  const scaledBounds = linearBounds(condition.terms.map(({ index, coefficient }) => ({ index, coefficient: Math.round(coefficient * scale) })));
  const lessOrEqual = condition.relation === 'LESS_OR_EQUAL';
  // The tolerance keeps 2.9999999999 (decimal noise) from rounding to 2.
  const bound = lessOrEqual ? Math.floor(condition.rhs * scale + 1e-9) : Math.ceil(condition.rhs * scale - 1e-9);
  const alwaysHolds = lessOrEqual ? bound >= scaledBounds.max : bound <= scaledBounds.min;
  if (alwaysHolds) return { form: 'none' };
  const range = lessOrEqual ? bound - scaledBounds.min : scaledBounds.max - bound;
  const units = slackUnits(range);
  return {
    form: 'squared',
    terms: condition.terms,
    constant: -bound / scale,
    slack: { indices: allocateSlack(id, units.length), units, sign: lessOrEqual ? 1 : -1, scale, range },
  };
}
