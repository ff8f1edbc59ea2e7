import type { AlgorithmRecipe, RecipeEngineParameters } from '../../../schema/events';
import type { EngineTuning, Strategy } from '../engine/solve-types';

/** The fields a solve's input may set itself; each one it sets wins over the recipe's. */
export interface ExplicitSolveFields {
  readonly strategy?: Strategy;
  readonly timeLimitMs?: number;
  readonly numSamples?: number;
}

/** The platform's defaults and caps for one kind of solve (synchronous or job). */
export interface SolveBounds {
  readonly defaultTimeLimitMs: number;
  readonly maxTimeLimitMs: number;
  readonly defaultSamples: number;
  readonly maxSamples: number;
}

export interface SolveSettings {
  readonly strategy: Strategy;
  /** As asked (the caller refuses an explicit value over the cap), or the recipe's clamped to the cap. */
  readonly timeLimitMs: number;
  readonly numSamples: number;
  /** The recipe's engine parameters; none without a recipe. */
  readonly parameters: RecipeEngineParameters;
}

/**
 * What a solve runs with: its input's explicit fields, then the recipe's defaults, then the
 * platform's. A recipe is the author's choice, not the caller's, so a value of it beyond the
 * platform's caps is clamped to them rather than refused; an explicit value is left for the
 * caller to refuse as it always has.
 */
export function solveSettings(explicit: ExplicitSolveFields, recipe: AlgorithmRecipe | null, bounds: SolveBounds): SolveSettings {
  const { numSamples, ...parameters } = recipe?.parameters ?? {};
  return {
    strategy: explicit.strategy ?? recipe?.strategy ?? 'AUTO',
    timeLimitMs: explicit.timeLimitMs ?? (recipe ? clamp(recipe.timeLimitMs, 1, bounds.maxTimeLimitMs) : bounds.defaultTimeLimitMs),
    numSamples: explicit.numSamples ?? (numSamples === undefined ? bounds.defaultSamples : clamp(numSamples, 1, bounds.maxSamples)),
    parameters,
  };
}

/** A recipe's engine parameters as the engine's SolveOptions name them (β from hot to cold). */
export function engineOptions(parameters: RecipeEngineParameters): EngineTuning {
  const { betaRange, ...rest } = parameters;
  return { ...rest, ...(betaRange && { betaRange: { hot: betaRange.start, cold: betaRange.end } }) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
