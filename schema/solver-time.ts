/**
 * The synchronous solve operations and the solver time each asks for: where the request names
 * it, and what it gets when it does not. The resolvers use the defaults, and the gateway charges
 * rate limits by the time requested, so both read them here.
 */
export interface SolverTimeArgument {
  /** Path to the requested time limit in milliseconds, from the field's arguments. */
  readonly path: readonly string[];
  readonly defaultMs: number;
}

export const SOLVER_TIME_FIELDS: Readonly<Record<string, SolverTimeArgument>> = {
  optimizeQubo: { path: ['input', 'timeLimitMs'], defaultMs: 1_000 },
  optimizeMultiObjective: { path: ['input', 'timeLimitMs'], defaultMs: 2_000 },
};
