import { energyOf, type CompiledQubo } from './compiled-qubo';
import { paretoFront, simplexWeights } from './pareto-front';
import { deriveSeed } from './prng';
import { solveQubo } from './solve-qubo';
import type { SolveOptions } from './solve-types';
import { coefficientScale, weightedSum } from './weighted-sum';
import { randomInt } from 'node:crypto';

export interface NamedObjective {
  readonly name: string;
  readonly qubo: CompiledQubo;
  /** Weight of this objective in the weighted sum the caller cares about. */
  readonly weight: number;
}

export interface MultiObjectiveOptions extends Omit<SolveOptions, 'targetEnergy'> {
  /** The spread: weight vectors in steps of 1/divisions over the simplex (default 4). */
  readonly divisions?: number;
}

export interface ObjectivePoint {
  readonly x: Uint8Array;
  /** Energy of each named objective at x. */
  readonly objectives: Record<string, number>;
  /** Σ weight·objective with the caller's weights. */
  readonly weightedEnergy: number;
}

export interface MultiObjectiveResult {
  /** Non-dominated points found (all objectives minimised), by increasing first objective. */
  readonly front: ObjectivePoint[];
  readonly weightedBest: ObjectivePoint;
  /** Weight vectors solved, on objectives scaled by their largest coefficient; the caller's own
   *  weights (unscaled) are solved first. */
  readonly weightVectors: number[][];
  readonly totalTimeMs: number;
  readonly flipsAttempted: number;
}

/**
 * Scalarisation: the caller's weighted sum plus an even spread of weight vectors (objectives
 * scaled by their largest coefficient so that "½, ½" means a balance), each solved as one QUBO
 * with its own derived seed and an equal share of the time limit. Every sample of every run is
 * scored on all objectives; the non-dominated ones form the front.
 */
export async function solveMultiObjective(objectives: readonly NamedObjective[], options: MultiObjectiveOptions = {}): Promise<MultiObjectiveResult> {
  if (objectives.length < 2) throw new RangeError('multi_objective needs at least two objectives');
  const qubos = objectives.map((o) => o.qubo);
  const given = objectives.map((o) => o.weight);
  const scales = qubos.map(coefficientScale);
  const spread = simplexWeights(objectives.length, options.divisions ?? 4);
  const runs: number[][] = [given, ...spread.map((w) => w.map((wk, k) => wk / scales[k]))];
  const seed = options.seed ?? randomInt(2 ** 31);
  const share = options.timeLimitMs === undefined ? undefined : options.timeLimitMs / runs.length;

  const candidates: Uint8Array[] = [];
  let totalTimeMs = 0;
  let flipsAttempted = 0;
  for (let r = 0; r < runs.length; r++) {
    if (options.signal?.aborted) break;
    const result = await solveQubo(weightedSum(qubos, runs[r]), { ...options, seed: deriveSeed(seed, r), timeLimitMs: share });
    candidates.push(...result.samples.map((s) => s.x));
    totalTimeMs += result.totalTimeMs;
    flipsAttempted += result.flipsAttempted;
  }

  const points: ObjectivePoint[] = candidates.map((x) => {
    const values = qubos.map((q) => energyOf(q, x));
    return {
      x,
      objectives: Object.fromEntries(objectives.map((o, k) => [o.name, values[k]])),
      weightedEnergy: values.reduce((sum, v, k) => sum + given[k] * v, 0),
    };
  });
  const vector = (p: ObjectivePoint): number[] => objectives.map((o) => p.objectives[o.name]);
  const front = paretoFront(points, vector).sort((a, b) => vector(a)[0] - vector(b)[0]);
  const weightedBest = points.reduce((a, b) => (b.weightedEnergy < a.weightedEnergy ? b : a));
  return { front, weightedBest, weightVectors: runs, totalTimeMs, flipsAttempted };
}
