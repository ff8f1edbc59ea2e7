import { CONSTRAINT_KINDS, type ConstraintKind } from '../model';

/**
 * What the model knows of one constraint in one solve: the fields every ConstraintOutcomesRecorded
 * carries (the production feature pipeline, performance/constraint-outcomes.ts), so a prediction
 * can be asked for any weight and budget before solving.
 */
export interface ConstraintScenario {
  readonly kind: ConstraintKind;
  readonly penaltyWeight: number;
  /** The largest |objective coefficient| of the problem (0 for a pure feasibility problem). */
  readonly coefficientScale: number;
  /** The share of the left-hand side's range the constraint rules out; null for custom penalties. */
  readonly tightness: number | null;
  readonly variables: number;
  readonly density: number;
  readonly timeLimitMs: number;
}

/** Names of the model's inputs, in order: recorded with every trained model. */
export const FEATURE_NAMES: readonly string[] = ['log2RelativeWeight', 'tightness', ...CONSTRAINT_KINDS.map((kind) => `kind:${kind}`), 'log2Variables', 'density', 'log2TimeLimitMs'];

/**
 * Weights relative to the objective's scale are clipped to 2^±LOG2_LIMIT: beyond that the
 * objective is either irrelevant or everything; a problem without objective terms counts as the top.
 */
const LOG2_LIMIT = 16;

/** penaltyWeight / coefficientScale, the weight in the objective's own units; null without objective terms. */
export function relativeWeightOf(scenario: Pick<ConstraintScenario, 'penaltyWeight' | 'coefficientScale'>): number | null {
  return scenario.coefficientScale > 0 ? scenario.penaltyWeight / scenario.coefficientScale : null;
}

/**
 * The model's input: the weight on a log scale (feasibility turns on where it crosses what a
 * violation gains in objective, a ratio), the constraint's tightness and kind, the problem's size
 * and density, and the time budget on a log scale.
 */
export function featureVector(scenario: ConstraintScenario): number[] {
  const relative = relativeWeightOf(scenario);
  const log2Weight = relative === null ? LOG2_LIMIT : relative <= 0 ? -LOG2_LIMIT : clamp(Math.log2(relative), -LOG2_LIMIT, LOG2_LIMIT);
  return [
    log2Weight,
    scenario.tightness ?? 0,
    ...CONSTRAINT_KINDS.map((kind) => (scenario.kind === kind ? 1 : 0)),
    Math.log2(Math.max(1, scenario.variables)),
    clamp(scenario.density, 0, 1),
    Math.log2(Math.max(1, scenario.timeLimitMs)),
  ];
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
