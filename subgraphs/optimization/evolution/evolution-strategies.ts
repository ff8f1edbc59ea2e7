import type { EvolutionStrategyName } from '../../../schema/events';

/** How far, how carefully and how expensively one evolution searches. */
export interface StrategySettings {
  /** The factor a weight moves by in one step. */
  readonly step: number;
  /** Shadow solves per measured weight vector (one per seed, the same seeds for every vector). */
  readonly seeds: readonly number[];
  /** Weight vectors measured per problem, the current one included. */
  readonly maxEvaluations: number;
  /** Bisections towards the smallest weight that meets the threshold, after raising. */
  readonly refineSteps: number;
}

/**
 * CONSERVATIVE moves in small steps and measures every vector on the most solves (each change is
 * validated); BALANCED doubles and refines once; AGGRESSIVE quadruples on few solves and stops at
 * the first vector that works. All apply only weights they measured.
 */
export const EVOLUTION_STRATEGIES: Readonly<Record<EvolutionStrategyName, StrategySettings>> = {
  CONSERVATIVE: { step: 1.5, seeds: [1, 2, 3, 4, 5, 6, 7, 8], maxEvaluations: 16, refineSteps: 2 },
  BALANCED: { step: 2, seeds: [1, 2, 3, 4, 5], maxEvaluations: 10, refineSteps: 1 },
  AGGRESSIVE: { step: 4, seeds: [1, 2, 3], maxEvaluations: 6, refineSteps: 0 },
};
