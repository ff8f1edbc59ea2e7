import type { DomainEvent } from '../../platform/commands/decider';
import type { EvolutionEvidence, PredictedPerformance } from './evolution-events';

/** Events of the `problem-<id>` and `constraint-<id>` streams, owned by the optimization subgraph. */
export const PROBLEM_CATEGORY = 'problem';
export const CONSTRAINT_CATEGORY = 'constraint';
export const problemStreamId = (problemId: string): string => `${PROBLEM_CATEGORY}-${problemId}`;
export const OPTIMIZATION_RUN_CATEGORY = 'optimization';
export const optimizationRunStreamId = (runId: string): string => `${OPTIMIZATION_RUN_CATEGORY}-${runId}`;
export const constraintStreamId = (constraintId: string): string => `${CONSTRAINT_CATEGORY}-${constraintId}`;

export interface LinearTermData {
  readonly variable: string;
  readonly coefficient: number;
}

export interface QuadraticTermData {
  readonly u: string;
  readonly v: string;
  readonly coefficient: number;
}

/** A QUBO as the client stated it (the GraphQL `QuboInput` shape). */
export interface QuboDefinition {
  readonly variables: readonly string[];
  readonly linear: readonly LinearTermData[];
  readonly quadratic: readonly QuadraticTermData[];
  readonly offset: number;
  readonly sense: 'MINIMIZE' | 'MAXIMIZE';
}

/**
 * How the penalty weight was chosen: MANUAL (the client's number) or a rule computed from the
 * problem's objective (UB, MQC, VLM) when the constraint was added or updated.
 */
export type PenaltyMethodName = 'MANUAL' | 'UB' | 'MQC' | 'VLM';

/**
 * A constraint as the client stated it; which fields are set depends on `kind`. `penaltyWeight` is
 * the number solves use, `penaltyMethod` how it was obtained (version 3; before, every weight was MANUAL).
 */
export interface ConstraintDefinition {
  readonly id: string;
  readonly kind: 'LINEAR_EQUALITY' | 'LINEAR_INEQUALITY' | 'ONE_HOT' | 'AT_MOST_K' | 'CUSTOM_PENALTY';
  readonly penaltyMethod: PenaltyMethodName;
  readonly penaltyWeight: number;
  readonly terms?: readonly LinearTermData[];
  readonly relation?: 'LESS_OR_EQUAL' | 'GREATER_OR_EQUAL';
  readonly rhs?: number;
  readonly variables?: readonly string[];
  readonly k?: number;
  readonly linear?: readonly LinearTermData[];
  readonly quadratic?: readonly QuadraticTermData[];
  readonly offset?: number;
}

export type ProblemCreated = DomainEvent<
  'ProblemCreated',
  {
    readonly problemId: string;
    readonly tenantId: string;
    readonly name: string;
    readonly definition: QuboDefinition;
    readonly createdAt: string;
  }
>;

export type ConstraintAdded = DomainEvent<
  'ConstraintAdded',
  { readonly constraintId: string; readonly problemId: string; readonly tenantId: string; readonly constraint: ConstraintDefinition; readonly addedAt: string }
>;

/** The evolution a constraint change came from, with the evidence and prediction behind it. */
export interface ConstraintEvolutionRef {
  readonly evolutionId: string;
  readonly evidence: EvolutionEvidence;
  readonly predictedPerformance: PredictedPerformance;
}

/** The seed's `update_constraint(constraint_id, new_parameters, evolution_reason)`. */
export type ConstraintUpdated = DomainEvent<
  'ConstraintUpdated',
  {
    readonly constraintId: string;
    readonly problemId: string;
    readonly constraint: ConstraintDefinition;
    readonly previousPenaltyWeight: number;
    /** Version 3: how the previous weight had been chosen. */
    readonly previousPenaltyMethod: PenaltyMethodName;
    readonly evolutionReason: string;
    /** Version 3: present when evolveConstraints made the change. */
    readonly evolution?: ConstraintEvolutionRef;
    readonly updatedAt: string;
  }
>;

export type ConstraintRemoved = DomainEvent<
  'ConstraintRemoved',
  { readonly constraintId: string; readonly problemId: string; readonly reason: string; readonly removedAt: string }
>;

/** A synchronous `optimizeQubo` run: what was solved, how, and how well (the samples are in the answer, not the log). */
export type QuboOptimized = DomainEvent<
  'QuboOptimized',
  {
    readonly runId: string;
    readonly tenantId: string;
    readonly problemId: string | null;
    readonly variableCount: number;
    readonly constraintCount: number;
    readonly strategy: 'SA' | 'TABU';
    readonly seed: number;
    readonly bestEnergy: number;
    readonly bestObjective: number;
    readonly feasible: boolean;
    readonly timeToBestMs: number;
    readonly totalTimeMs: number;
    readonly flipsAttempted: number;
    readonly stoppedBy: string;
    readonly optimizedAt: string;
  }
>;

/** A synchronous multi-objective run: the objectives traded off and the size of the Pareto front found. */
export type MultiObjectiveOptimized = DomainEvent<
  'MultiObjectiveOptimized',
  {
    readonly runId: string;
    readonly tenantId: string;
    readonly objectives: readonly { readonly name: string; readonly weight: number }[];
    readonly variableCount: number;
    readonly frontSize: number;
    readonly seed: number;
    readonly totalTimeMs: number;
    readonly flipsAttempted: number;
    readonly optimizedAt: string;
  }
>;

export type OptimizationRunEvent = QuboOptimized | MultiObjectiveOptimized;
export type ProblemEvent = ProblemCreated;
export type ConstraintEvent = ConstraintAdded | ConstraintUpdated | ConstraintRemoved;

/**
 * Version 2 of the events carrying a sense, constraint kind, relation or strategy writes it as the
 * API's enums name them (MINIMIZE, ONE_HOT, LESS_OR_EQUAL, SA; not minimize, one_hot, <=, sa);
 * version 3 of those carrying a constraint definition records its `penaltyMethod`; see ./upcasters.ts.
 */
export const OPTIMIZATION_EVENT_VERSIONS: Readonly<Record<ProblemEvent['type'] | ConstraintEvent['type'] | OptimizationRunEvent['type'], number>> = {
  QuboOptimized: 2,
  MultiObjectiveOptimized: 1,
  ProblemCreated: 2,
  ConstraintAdded: 3,
  ConstraintUpdated: 3,
  ConstraintRemoved: 1,
};
