import type { ConstraintOutcomesRecorded } from '../../../schema/events';
import type { ConstraintOutcomeDocument } from '../../../schema/read-models/constraint-performance';
import type { ConstraintScenario } from './features';

/** One constraint in one solve, as the model learns from it. */
export interface OutcomeSample {
  readonly scenario: ConstraintScenario;
  /** The label: the solve's best sample satisfied the constraint. */
  readonly satisfied: boolean;
  /** The best sample's violation, in the constraint's own units. */
  readonly violation: number;
  /** (best objective satisfying it − best feasible ever) / |best ever|, when both are known. */
  readonly objectiveGap: number | null;
  /** The solve it came from: samples of one solve stay on one side of the held-out split. */
  readonly solveId: string;
}

/** A gap beyond 10× the best objective says "far off" and nothing more; it is capped so it cannot dominate the fit. */
export const MAX_OBJECTIVE_GAP = 10;

/** A stored outcome row (projections/constraint-performance.ts) as a sample; `bestObjective` is its problem's best feasible objective ever. */
export function sampleFromOutcomeRow(row: ConstraintOutcomeDocument, bestObjective: number | undefined): OutcomeSample {
  return {
    scenario: {
      kind: row.kind,
      penaltyWeight: row.penaltyWeight,
      coefficientScale: row.coefficientScale,
      tightness: row.tightness,
      variables: row.variables,
      density: row.density,
      timeLimitMs: row.timeLimitMs,
    },
    satisfied: row.satisfied,
    violation: row.violation,
    objectiveGap: objectiveGap(row.objective, bestObjective),
    solveId: row.solveId,
  };
}

/** Every constraint of one solve's ConstraintOutcomesRecorded as samples, as the projection would store them (the benchmark's path). */
export function samplesFromOutcomes(data: ConstraintOutcomesRecorded['data'], bestObjective: number | undefined): OutcomeSample[] {
  return data.constraints.map((constraint) => ({
    scenario: {
      kind: constraint.kind,
      penaltyWeight: constraint.penaltyWeight,
      coefficientScale: data.features.coefficientScale,
      tightness: constraint.tightness,
      variables: data.features.variables,
      density: data.features.density,
      timeLimitMs: data.timeLimitMs,
    },
    satisfied: constraint.bestSampleViolation === 0,
    violation: constraint.bestSampleViolation,
    objectiveGap: objectiveGap(constraint.bestObjectiveSatisfying, bestObjective),
    solveId: data.solveId,
  }));
}

/** The gap as constraintPerformance reports it (aggregate-performance.ts), capped at MAX_OBJECTIVE_GAP. */
function objectiveGap(objective: number | null, best: number | undefined): number | null {
  if (objective === null || best === undefined) return null;
  return Math.min(MAX_OBJECTIVE_GAP, Math.max(0, (objective - best) / Math.max(Math.abs(best), Number.EPSILON)));
}
