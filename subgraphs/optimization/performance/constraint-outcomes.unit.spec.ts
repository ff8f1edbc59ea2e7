import { compileProblem, DEFAULT_MODEL_LIMITS, evaluateSolution, knapsackTemplate, type Constraint } from '../model';
import type { SolveResult } from '../engine/solve-types';
import type { ProblemSolution } from '../solving/solve-problem';
import { constraintOutcomes, tightness } from './constraint-outcomes';

/** Three items (values 5, 4, 3; weights 4, 3, 2), capacity 5: the best feasible packing is items 2 and 3 (value 7). */
const knapsack = knapsackTemplate({ values: [5, 4, 3], weights: [4, 3, 2], capacity: 5, penaltyWeight: 2 });

function solutionOf(assignments: readonly number[][]): ProblemSolution {
  const compiled = compileProblem(knapsack.model, knapsack.constraints, { limits: DEFAULT_MODEL_LIMITS });
  const samples = assignments.map((assignment) => evaluateSolution(compiled, assignment));
  const engine = { strategy: 'TABU', totalTimeMs: 40 } as unknown as SolveResult;
  return { engine, variableNames: compiled.variableNames, userVariableCount: compiled.userVariableCount, samples };
}

describe('constraintOutcomes', () => {
  it('records, per constraint, the weight, the best sample’s violation, the share satisfied and the best objective satisfying it', () => {
    // given a solve whose best sample packs everything (weight 9 > 5) and whose others are feasible
    const solution = solutionOf([
      [1, 1, 1],
      [0, 1, 1],
      [1, 0, 0],
    ]);
    // when its outcomes are recorded
    const outcome = constraintOutcomes({
      solveId: 'run-1',
      solveKind: 'OPTIMIZE_QUBO',
      tenantId: 't1',
      problemId: 'p1',
      model: knapsack.model,
      constraints: knapsack.constraints,
      solution,
      timeLimitMs: 50,
      cpuMs: 80,
      recordedAt: '2026-12-03T12:00:00.000Z',
    });
    // then the solve and its capacity constraint are described in the model's minimisation form
    expect(outcome).toMatchObject({
      solveId: 'run-1',
      objectiveSense: 'MAXIMIZE',
      strategy: 'TABU',
      sampleCount: 3,
      features: { variables: 3, quadraticTerms: 0, density: 0, coefficientScale: 5 },
      bestFeasible: false,
      bestFeasibleObjective: -7,
    });
    expect(outcome.constraints).toEqual([
      {
        constraintId: 'capacity',
        inline: false,
        kind: 'LINEAR_INEQUALITY',
        penaltyWeight: 2,
        relativeWeight: 2 / 5,
        tightness: (9 - 5) / 9,
        bestSampleViolation: 4,
        satisfiedShare: 2 / 3,
        bestObjectiveSatisfying: -7,
      },
    ]);
  });

  it('rates tightness from loose (0) to a single level (1)', () => {
    const base = { id: 'c', penaltyWeight: 1 };
    const cases: [Constraint, number | null][] = [
      [{ ...base, kind: 'ONE_HOT', variables: ['a', 'b', 'c'] }, 1],
      [{ ...base, kind: 'AT_MOST_K', variables: ['a', 'b', 'c', 'd'], k: 1 }, 0.75],
      [{ ...base, kind: 'LINEAR_INEQUALITY', terms: [{ variable: 'a', coefficient: 2 }, { variable: 'b', coefficient: 2 }], relation: 'GREATER_OR_EQUAL', rhs: 1 }, 0.25],
      [{ ...base, kind: 'LINEAR_INEQUALITY', terms: [{ variable: 'a', coefficient: 1 }], relation: 'LESS_OR_EQUAL', rhs: 3 }, 0],
      [{ ...base, kind: 'CUSTOM_PENALTY', linear: [{ variable: 'a', coefficient: 1 }] }, null],
    ];
    for (const [constraint, expected] of cases) expect({ kind: constraint.kind, tightness: tightness(constraint) }).toEqual({ kind: constraint.kind, tightness: expected });
  });
});
