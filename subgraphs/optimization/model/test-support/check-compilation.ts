import { compiledQuboEnergy } from '../compiled-qubo-builder';
import type { CompiledProblem } from '../compile-problem';
import { evaluateSolution } from '../evaluate-solution';
import { allAssignments } from './brute-force';

/**
 * The compilation invariants, checked over every full assignment of a small problem:
 * - evaluation with slack given: objective + Σ penalties = the compiled QUBO's energy;
 * - evaluation with slack optimised out: the lowest compiled energy over all slack settings;
 * - with every weight > 0, that optimised penalty is zero exactly when the user assignment is feasible.
 */
export function expectCompilationConsistent(problem: CompiledProblem): void {
  const user = problem.userVariableCount;
  const lowestBySlack = new Map<string, number>();
  for (const full of allAssignments(problem.variableNames.length)) {
    const energy = compiledQuboEnergy(problem.compiled, full);
    expect(evaluateSolution(problem, full).energy).toBeCloseTo(energy, 8);
    const key = full.slice(0, user).join('');
    lowestBySlack.set(key, Math.min(lowestBySlack.get(key) ?? Infinity, energy));
  }
  const weighted = problem.constraints.every(({ constraint }) => constraint.penaltyWeight > 0);
  for (const [key, lowest] of lowestBySlack) {
    const evaluation = evaluateSolution(problem, [...key].map(Number));
    expect(evaluation.energy).toBeCloseTo(lowest, 8);
    if (weighted) expect(evaluation.totalPenalty < 1e-9).toBe(evaluation.feasible);
  }
}
