/**
 * One thing wrong with a submission. An ERROR makes it invalid; a WARNING (the documentation lost
 * something to sanitising) is reported and stored anyway.
 */
export interface ValidationProblem {
  /** The input field (`name`, `licensePrices.1.price`), inside the recipe `recipe` and its JSON pointer (`recipe/parameters/sweeps`). */
  readonly field: string;
  /** A stable code (README, "Community"). */
  readonly code: ValidationProblemCode;
  readonly message: string;
  readonly severity: 'ERROR' | 'WARNING';
}

export type ValidationProblemCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'UNKNOWN_CATEGORY'
  | 'UNKNOWN_COMPLEXITY'
  | 'INVALID_PRICE'
  | 'UNKNOWN_CURRENCY'
  | 'DUPLICATE_LICENSE_TYPE'
  | 'LICENSE_PRICE_CONFLICT'
  | 'INVALID_SOURCE'
  | 'RECIPE_SCHEMA'
  | 'DOCUMENTATION_SANITISED'
  | 'DUPLICATE_CONTENT';

export const isError = (problem: ValidationProblem): boolean => problem.severity === 'ERROR';
