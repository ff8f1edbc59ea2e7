import { ModelErrorCode, QuboModelError } from './model-error';
import type { QuboModel } from './qubo-model';

/** Size limits a caller (API, CLI) imposes on a problem, slack variables included. */
export interface ModelLimits {
  readonly maxVariables: number;
  readonly maxQuadraticTerms: number;
}

/**
 * Generous enough for every benchmark file (bqp1000: 1,000 variables and ~50,000 pairs; Gset up
 * to 20,000 vertices) while keeping a model's memory in the tens of megabytes. The API passes its
 * own, tighter limits.
 */
export const DEFAULT_MODEL_LIMITS: ModelLimits = { maxVariables: 100_000, maxQuadraticTerms: 5_000_000 };

export function assertVariableCountWithin(count: number, limits: ModelLimits, what = 'the problem'): void {
  if (count > limits.maxVariables) {
    throw new QuboModelError(
      ModelErrorCode.ProblemTooLarge,
      `${what} has ${count} variables; the limit is ${limits.maxVariables}`,
      'variables',
    );
  }
}

export function assertQuadraticTermCountWithin(count: number, limits: ModelLimits, what = 'the problem'): void {
  if (count > limits.maxQuadraticTerms) {
    throw new QuboModelError(
      ModelErrorCode.ProblemTooLarge,
      `${what} has ${count} quadratic terms; the limit is ${limits.maxQuadraticTerms}`,
      'quadratic',
    );
  }
}

export function assertModelWithin(model: QuboModel, limits: ModelLimits, what?: string): void {
  assertVariableCountWithin(model.size, limits, what);
  assertQuadraticTermCountWithin(model.quadraticTermCount, limits, what);
}
