import type { QuboModel } from '../qubo-model';

/**
 * An upper bound on how much the objective can differ between any two assignments:
 * Σ|linear| + Σ|quadratic| (each term moves the objective by at most its magnitude).
 */
export function objectiveSpan(model: QuboModel): number {
  let span = 0;
  for (let i = 0; i < model.size; i++) span += Math.abs(model.linear(i));
  for (const [, , coefficient] of model.quadraticTerms()) span += Math.abs(coefficient);
  return span;
}

/**
 * The templates' default penalty weight: (span + 1) / r², where r is the smallest amount by which
 * an infeasible assignment can miss a constraint (1 for integer data; 1/scale for data scaled to
 * integers by a power of ten). An infeasible assignment then pays at least span + 1, more than
 * violating it could ever gain in objective, so the minimum-energy assignment is feasible and
 * optimal. Larger weights keep that property but make the landscape harder for annealing.
 */
export function defaultPenaltyWeight(model: QuboModel, smallestViolation = 1): number {
  return (objectiveSpan(model) + 1) / (smallestViolation * smallestViolation);
}
