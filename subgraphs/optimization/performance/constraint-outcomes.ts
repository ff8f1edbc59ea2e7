import { isInlineConstraintId } from '../domain/inline-constraint-id';
import type { Constraint, QuboModel } from '../model';
import type { ProblemSolution } from '../solving/solve-problem';
import type { ConstraintOutcome, ConstraintOutcomesRecorded, ProblemFeatures, SolveKind } from '../../../schema/events';

export interface SolveRecord {
  readonly solveId: string;
  readonly solveKind: SolveKind;
  readonly tenantId: string;
  readonly problemId: string | null;
  /** The objective as solved (the problem's QUBO, without its constraints). */
  readonly model: QuboModel;
  readonly constraints: readonly Constraint[];
  readonly solution: ProblemSolution;
  readonly timeLimitMs: number;
  readonly cpuMs: number;
  readonly recordedAt: string;
}

/** What one solve tells about each of its constraints: the data of its ConstraintOutcomesRecorded. */
export function constraintOutcomes(record: SolveRecord): ConstraintOutcomesRecorded['data'] {
  const { solution } = record;
  const features = problemFeatures(record.model);
  const samples = solution.samples;
  const feasible = samples.filter((sample) => sample.feasible);
  const constraints = record.constraints.map((constraint): ConstraintOutcome => {
    const evaluated = (sample: (typeof samples)[number]) => sample.constraints.find((result) => result.id === constraint.id);
    const satisfying = samples.filter((sample) => evaluated(sample)?.satisfied);
    const method = (constraint as { readonly penaltyMethod?: string }).penaltyMethod;
    return {
      constraintId: constraint.id,
      inline: isInlineConstraintId(constraint.id),
      kind: constraint.kind,
      penaltyWeight: constraint.penaltyWeight,
      ...(method !== undefined && { penaltyMethod: method }),
      relativeWeight: features.coefficientScale > 0 ? constraint.penaltyWeight / features.coefficientScale : null,
      tightness: tightness(constraint),
      bestSampleViolation: (samples[0] && evaluated(samples[0])?.violation) ?? 0,
      satisfiedShare: samples.length > 0 ? satisfying.length / samples.length : 0,
      bestObjectiveSatisfying: lowest(satisfying.map((sample) => sample.objective)),
    };
  });
  return {
    solveId: record.solveId,
    solveKind: record.solveKind,
    tenantId: record.tenantId,
    problemId: record.problemId,
    objectiveSense: record.model.sourceSense,
    strategy: solution.engine.strategy,
    timeLimitMs: record.timeLimitMs,
    totalTimeMs: solution.engine.totalTimeMs,
    cpuMs: Math.round(record.cpuMs),
    sampleCount: samples.length,
    features,
    bestFeasible: samples[0]?.feasible ?? false,
    bestFeasibleObjective: lowest(feasible.map((sample) => sample.objective)),
    constraints,
    recordedAt: record.recordedAt,
  };
}

export function problemFeatures(model: QuboModel): ProblemFeatures {
  let coefficientScale = 0;
  for (let i = 0; i < model.size; i++) coefficientScale = Math.max(coefficientScale, Math.abs(model.linear(i)));
  for (const [, , coefficient] of model.quadraticTerms()) coefficientScale = Math.max(coefficientScale, Math.abs(coefficient));
  const pairs = (model.size * (model.size - 1)) / 2;
  return { variables: model.size, quadraticTerms: model.quadraticTermCount, density: pairs > 0 ? model.quadraticTermCount / pairs : 0, coefficientScale };
}

/**
 * How much of the left-hand side's range a constraint rules out: 0 when every assignment
 * satisfies it, 1 when only one level does (an equality, one-hot). Custom penalties have no
 * left-hand side: null.
 */
export function tightness(constraint: Constraint): number | null {
  switch (constraint.kind) {
    case 'LINEAR_EQUALITY':
    case 'ONE_HOT':
      return 1;
    case 'AT_MOST_K':
      return constraint.variables.length > 0 ? clamp((constraint.variables.length - constraint.k) / constraint.variables.length) : 0;
    case 'LINEAR_INEQUALITY': {
      const high = constraint.terms.reduce((sum, term) => sum + Math.max(term.coefficient, 0), 0);
      const low = constraint.terms.reduce((sum, term) => sum + Math.min(term.coefficient, 0), 0);
      if (high === low) return 0;
      return clamp(constraint.relation === 'LESS_OR_EQUAL' ? (high - constraint.rhs) / (high - low) : (constraint.rhs - low) / (high - low));
    }
    case 'CUSTOM_PENALTY':
      return null;
  }
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function lowest(values: readonly number[]): number | null {
  return values.length > 0 ? Math.min(...values) : null;
}
