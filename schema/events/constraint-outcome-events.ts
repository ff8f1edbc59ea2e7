import type { DomainEvent } from '../../platform/commands/decider';
import type { ConstraintDefinition } from './optimization-events';

/** How a solve was asked for: its outcome event lives in that solve's own stream. */
export type SolveKind = 'OPTIMIZE_QUBO' | 'SOLVE_JOB';

/** The problem as the solver saw it, for comparing constraints across problems (and for the prediction model). */
export interface ProblemFeatures {
  /** The user's variables (slack variables not counted). */
  readonly variables: number;
  readonly quadraticTerms: number;
  /** quadraticTerms / (variables·(variables−1)/2). */
  readonly density: number;
  /** The largest |coefficient| of the objective (0 for a pure feasibility problem). */
  readonly coefficientScale: number;
}

/** How one constraint fared in one solve. Objectives are in the problem's minimisation form (the energy's objective part). */
export interface ConstraintOutcome {
  /** The stored constraint's id, or `inline-<n>` for one given with the solve only. */
  readonly constraintId: string;
  /** Given with the solve only: it has no history to track. */
  readonly inline: boolean;
  readonly kind: ConstraintDefinition['kind'];
  readonly penaltyWeight: number;
  /** How the weight was chosen, when the definition says (MANUAL, UB, MQC, VLM). */
  readonly penaltyMethod?: string;
  /** penaltyWeight / coefficientScale; null when the objective has no terms. */
  readonly relativeWeight: number | null;
  /** The share of the left-hand side's range that the constraint rules out (0 loose … 1 a single level); null for custom penalties. */
  readonly tightness: number | null;
  readonly bestSampleViolation: number;
  /** The share of the returned samples that satisfy it. */
  readonly satisfiedShare: number;
  /** The best objective among the samples that satisfy it; null when none does. */
  readonly bestObjectiveSatisfying: number | null;
}

/**
 * One per solve, in the solve's own stream (`optimization-<runId>` beside QuboOptimized,
 * `solvejob-<jobId>` beside SolveJobCompleted, in the same append), so the evidence of how each
 * constraint performs is written with the solve and the constraint's own stream never grows with
 * solves. The evidence constraint evolution and its prediction model stand on.
 */
export type ConstraintOutcomesRecorded = DomainEvent<
  'ConstraintOutcomesRecorded',
  {
    readonly solveId: string;
    readonly solveKind: SolveKind;
    readonly tenantId: string;
    readonly problemId: string | null;
    readonly objectiveSense: 'MINIMIZE' | 'MAXIMIZE';
    readonly strategy: string;
    readonly timeLimitMs: number;
    readonly totalTimeMs: number;
    /** CPU time spent: measured for jobs, workers × wall time for synchronous solves. */
    readonly cpuMs: number;
    readonly sampleCount: number;
    readonly features: ProblemFeatures;
    readonly bestFeasible: boolean;
    /** The best objective among feasible samples (minimisation form); null when none is feasible. */
    readonly bestFeasibleObjective: number | null;
    readonly constraints: readonly ConstraintOutcome[];
    readonly recordedAt: string;
  }
>;


export const CONSTRAINT_PRICE_CATEGORY = 'constraintprice';
export const constraintPriceStreamId = (constraintId: string): string => `${CONSTRAINT_PRICE_CATEGORY}-${constraintId}`;

/**
 * What a constraint costs in objective: the problem shadow-solved with all its constraints and
 * with this one left out, on the same seeds and budget. Objectives in minimisation form.
 */
export type ConstraintPriceMeasured = DomainEvent<
  'ConstraintPriceMeasured',
  {
    readonly constraintId: string;
    readonly problemId: string;
    readonly tenantId: string;
    /** Mean best objective of the solves that satisfied every constraint; null when none did. */
    readonly withConstraint: number | null;
    /** The same with this constraint left out (the others still hold); null when none did. */
    readonly withoutConstraint: number | null;
    /** withConstraint − withoutConstraint: the objective the constraint costs (≥ 0 up to noise); null when either is unknown. */
    readonly price: number | null;
    readonly objectiveSense: 'MINIMIZE' | 'MAXIMIZE';
    readonly shadowSolves: number;
    readonly shadowTimeLimitMs: number;
    readonly measuredAt: string;
  }
>;

export const CONSTRAINT_OUTCOME_EVENT_VERSIONS: Readonly<Record<ConstraintOutcomesRecorded['type'] | ConstraintPriceMeasured['type'], number>> = { ConstraintOutcomesRecorded: 1, ConstraintPriceMeasured: 1 };
