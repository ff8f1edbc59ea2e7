import type { ConstraintOutcome, ConstraintPriceMeasured } from '../events/constraint-outcome-events';

/**
 * How stored constraints perform, folded from ConstraintOutcomesRecorded. Objectives are in the
 * problem's minimisation form, so a gap is always (objective − best) / |best|.
 */
export const CONSTRAINT_OUTCOMES_COLLECTION = 'constraint_outcomes';
export const CONSTRAINT_PERFORMANCE_DAYS_COLLECTION = 'constraint_performance_days';
export const PROBLEM_OBJECTIVE_BESTS_COLLECTION = 'problem_objective_bests';

/** One stored constraint in one solve (`<solveId>:<constraintId>`): what `constraintPerformance(from, to)` aggregates exactly. */
export interface ConstraintOutcomeDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly problemId: string;
  readonly constraintId: string;
  readonly solveId: string;
  readonly recordedAt: string;
  readonly penaltyWeight: number;
  readonly penaltyMethod?: string;
  /** The best sample satisfies it. */
  readonly satisfied: boolean;
  readonly violation: number;
  readonly satisfiedShare: number;
  /** The best objective among samples satisfying it; null when none did. */
  readonly objective: number | null;
  readonly cpuMs: number;
  /** The solve's time budget: shadow solves of evolution run at the budget users give. */
  readonly timeLimitMs: number;
  /** The features the prediction model learns from (subgraphs/optimization/prediction): the constraint's and its problem's. */
  readonly kind: ConstraintOutcome['kind'];
  readonly relativeWeight: number | null;
  readonly tightness: number | null;
  readonly variables: number;
  readonly quadraticTerms: number;
  readonly density: number;
  readonly coefficientScale: number;
  readonly [field: string]: unknown;
}

/** The same folded per constraint and UTC day (`<constraintId>:<YYYY-MM-DD>`): what `tenantPerformance(days)` reads. */
export interface ConstraintPerformanceDayDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly problemId: string;
  readonly constraintId: string;
  readonly kind: string;
  readonly day: string;
  readonly solves: number;
  readonly satisfiedSolves: number;
  readonly violationSum: number;
  readonly objectiveSum: number;
  readonly objectiveCount: number;
  readonly cpuMsSum: number;
  readonly penaltyWeight: number;
  readonly penaltyMethod?: string;
  readonly lastRecordedAt: string;
  readonly [field: string]: unknown;
}

/** The best feasible objective ever seen for a stored problem: the reference of every gap. */
export interface ProblemObjectiveBestDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly bestFeasibleObjective: number;
  readonly objectiveSense: 'MINIMIZE' | 'MAXIMIZE';
  readonly updatedAt: string;
  readonly [field: string]: unknown;
}

/** Each constraint's latest ConstraintPriceMeasured, by constraint id. */
export const CONSTRAINT_PRICES_COLLECTION = 'constraint_prices';

export type ConstraintPriceDocument = ConstraintPriceMeasured['data'] & { readonly id: string; readonly [field: string]: unknown };
