import type { AlgorithmBenchmarkResult, AlgorithmRecipe } from '../../../schema/events';
import type { ModelLimits } from '../model';
import type { SolveGate } from '../solving/solve-gate';
import { solveProblem } from '../solving/solve-problem';
import type { BenchmarkInstance } from './benchmark-set';
import { engineOptions, solveSettings } from './recipe-options';

/** Each instance gets the recipe's time limit, at most this, so a benchmark of 5 instances answers in seconds. */
const BENCHMARK_INSTANCE_CAP_MS = 2_000;

export interface BenchmarkSolver {
  /** The synchronous solver's gate: a benchmark waits its turn like any optimizeQubo. */
  readonly gate: SolveGate;
  readonly workers: number;
  readonly limits: ModelLimits;
}

/**
 * Runs a recipe on each instance in turn, one solve at a time through the solver's own gate, with
 * seeds fixed by the instance's place so a benchmark can be repeated. Energies and the gap are
 * in the instances' minimisation form: a gap of 0 % reaches the best-known value.
 */
export async function benchmarkRecipe(recipe: AlgorithmRecipe, instances: readonly BenchmarkInstance[], solver: BenchmarkSolver): Promise<AlgorithmBenchmarkResult[]> {
  const bounds = { defaultTimeLimitMs: BENCHMARK_INSTANCE_CAP_MS, maxTimeLimitMs: BENCHMARK_INSTANCE_CAP_MS, defaultSamples: 1, maxSamples: 1 };
  const settings = solveSettings({ numSamples: 1 }, recipe, bounds);
  const results: AlgorithmBenchmarkResult[] = [];
  for (const [index, instance] of instances.entries()) {
    const solution = await solver.gate.run(() =>
      solveProblem({
        model: instance.model,
        constraints: [],
        limits: solver.limits,
        strategy: settings.strategy,
        timeLimitMs: settings.timeLimitMs,
        seed: index + 1,
        numSamples: settings.numSamples,
        tuning: engineOptions(settings.parameters),
        workers: solver.workers,
      }),
    );
    const bestEnergy = solution.samples[0].energy;
    results.push({
      instance: instance.name,
      variables: instance.model.size,
      bestKnown: instance.bestKnownEnergy,
      bestEnergy,
      gapPercent: instance.bestKnownEnergy === null ? null : gapPercent(bestEnergy, instance.bestKnownEnergy),
      timeToBestMs: solution.engine.timeToBestMs,
      totalTimeMs: solution.engine.totalTimeMs,
    });
  }
  return results;
}

/** How far above the best-known energy, as a share of its size (4 decimals). */
export function gapPercent(energy: number, bestKnown: number): number {
  return Math.round(((energy - bestKnown) / Math.max(Math.abs(bestKnown), Number.EPSILON)) * 100 * 1e4) / 1e4;
}
