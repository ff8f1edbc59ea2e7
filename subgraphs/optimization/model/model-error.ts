/**
 * Stable codes for everything the model layer refuses. The API layer maps all of them to a
 * user-input error and passes the code and `field` on, so clients can branch on them; a code once
 * published is never renamed.
 */
export const ModelErrorCode = {
  /** A coefficient that is not a finite number, an unknown or duplicate variable, an empty model. */
  InvalidQubo: 'INVALID_QUBO',
  /** A constraint that is malformed, names unknown variables, has a bad weight or cannot be met. */
  InvalidConstraint: 'INVALID_CONSTRAINT',
  /** More variables or quadratic terms than the caller's limits allow. */
  ProblemTooLarge: 'PROBLEM_TOO_LARGE',
  /** A bqp, Gset or JSON file that does not follow its format; the message names the line. */
  MalformedFile: 'MALFORMED_FILE',
  /** Domain input of a problem template (portfolio, knapsack, ...) that does not fit together. */
  InvalidTemplateInput: 'INVALID_TEMPLATE_INPUT',
  /** A solution to evaluate that is not a 0/1 value for every variable. */
  InvalidAssignment: 'INVALID_ASSIGNMENT',
} as const;
export type ModelErrorCode = (typeof ModelErrorCode)[keyof typeof ModelErrorCode];

export class QuboModelError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    /** Path of the offending input field, e.g. `quadratic[3].v` or `constraints[0].k`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'QuboModelError';
  }
}

export const invalidQubo = (message: string, field?: string) => new QuboModelError(ModelErrorCode.InvalidQubo, message, field);
export const invalidConstraint = (message: string, field?: string) =>
  new QuboModelError(ModelErrorCode.InvalidConstraint, message, field);
export const invalidTemplateInput = (message: string, field?: string) =>
  new QuboModelError(ModelErrorCode.InvalidTemplateInput, message, field);

/** A number the model can compute with: finite, so sums and squares stay meaningful. */
export function requireFinite(value: unknown, field: string, fail: (message: string, field: string) => QuboModelError = invalidQubo): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw fail(`${field} must be a finite number, got ${describe(value)}`, field);
  }
  return value;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
