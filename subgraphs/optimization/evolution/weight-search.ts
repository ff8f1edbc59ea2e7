/**
 * The search behind evolveConstraints, free of solving and storage: it proposes weight vectors,
 * an evaluator measures them (short shadow solves in production, anything in tests), and it keeps
 * every measurement as evidence. Weights move multiplicatively, since a penalty's useful range
 * spans orders of magnitude.
 */
export type Weights = Readonly<Record<string, number>>;

/** What one weight vector did over a few solves. */
export interface Evaluation {
  readonly weights: Weights;
  /** Per constraint: the share of the solves whose best sample satisfied it. */
  readonly feasibilityRates: Readonly<Record<string, number>>;
  /** The mean objective (minimisation form) of best samples that satisfied every constraint; null when none did. */
  readonly meanFeasibleObjective: number | null;
  readonly solves: number;
}

export type Evaluate = (weights: Weights) => Promise<Evaluation>;

export interface SearchSettings {
  /** A constraint meets the target when its feasibility rate is at least this. */
  readonly threshold: number;
  /** The factor a weight is raised or lowered by in one move (> 1). */
  readonly step: number;
  /** Evaluations allowed, the first (of the current weights) included. */
  readonly maxEvaluations: number;
  /** After raising, this many geometric bisections between the last failing and the first working vector: towards the smallest weight that works. */
  readonly refineSteps: number;
  /** Constraints always satisfied are lowered while the target holds and the objective improves. */
  readonly lowerWhenSatisfied: readonly string[];
  /**
   * How much better (relative to |objective|) a lowered vector's objective must be to count as
   * better: measurements over a few seeds are noisy, and a weight lowered on noise alone sits at
   * the feasibility edge. Default 0.001.
   */
  readonly objectiveTolerance?: number;
}

export interface SearchResult {
  readonly initial: Evaluation;
  readonly chosen: Evaluation;
  /** Every evaluation in the order made: the trade-off measured. */
  readonly evaluations: readonly Evaluation[];
  /** Constraints that did not reach the threshold together with the others within the budget. */
  readonly unmet: readonly string[];
}

/**
 * Raises every constraint below the threshold together (one vector at a time, so competing
 * constraints are measured against each other, not one by one), then refines the raised weights
 * down, then lowers constraints that are always satisfied while the objective gains by more than
 * the tolerance. The chosen vector is the one these phases accepted when it meets every target;
 * otherwise the evaluated one that meets the threshold for the most constraints, then has the
 * best objective, then the smallest total weight; never one measured worse than the start.
 */
export async function searchWeights(initial: Weights, evaluate: Evaluate, settings: SearchSettings): Promise<SearchResult> {
  const evaluations: Evaluation[] = [];
  const tolerance = settings.objectiveTolerance ?? DEFAULT_OBJECTIVE_TOLERANCE;
  // A vector is measured once: the lowering phase may come back to one the raise measured.
  const measure = async (weights: Weights): Promise<Evaluation> => {
    const known = evaluations.find((evaluation) => sameWeights(evaluation.weights, weights));
    if (known) return known;
    const evaluation = await evaluate(weights);
    evaluations.push(evaluation);
    return evaluation;
  };
  const budgetLeft = () => evaluations.length < settings.maxEvaluations;
  const failing = (evaluation: Evaluation) => Object.keys(evaluation.weights).filter((id) => (evaluation.feasibilityRates[id] ?? 0) < settings.threshold);

  const start = await measure(initial);
  let current = start;
  // Raise: every failing constraint moves up together, until none fails or the budget ends.
  let lastWorking: Evaluation | undefined = failing(start).length === 0 ? start : undefined;
  let lastFailing = start;
  while (failing(current).length > 0 && budgetLeft()) {
    lastFailing = current;
    const raised = { ...current.weights };
    for (const id of failing(current)) raised[id] = current.weights[id] * settings.step;
    current = await measure(raised);
    if (failing(current).length === 0) lastWorking = current;
  }
  // Refine: bisect (geometrically) between the last failing vector and the first working one.
  if (lastWorking && lastWorking !== start) {
    let low = lastFailing.weights;
    for (let step = 0; step < settings.refineSteps && budgetLeft(); step++) {
      const high: Weights = lastWorking.weights;
      const middle = Object.fromEntries(Object.keys(high).map((id) => [id, Math.sqrt(low[id] * high[id])]));
      const evaluation = await measure(middle);
      if (failing(evaluation).length === 0) lastWorking = evaluation;
      else low = middle;
    }
  }
  // Lower: constraints always satisfied give up weight while everything still holds and the objective gains.
  let best = lastWorking ?? current;
  for (const id of settings.lowerWhenSatisfied) {
    while (budgetLeft() && (best.feasibilityRates[id] ?? 0) >= 1) {
      const lowered = await measure({ ...best.weights, [id]: best.weights[id] / settings.step });
      if (failing(lowered).length > 0 || !betterObjective(lowered, best, tolerance)) break;
      best = lowered;
    }
  }
  // The vector the phases accepted, when it meets every target: not a rejected lowering that ranks
  // equal on a noisy objective and sits at the feasibility edge.
  const chosen = failing(best).length === 0 ? best : pickBest(evaluations, start, settings.threshold);
  return { initial: start, chosen, evaluations, unmet: failing(chosen) };
}

const DEFAULT_OBJECTIVE_TOLERANCE = 0.001;

function betterObjective(candidate: Evaluation, incumbent: Evaluation, tolerance: number): boolean {
  if (candidate.meanFeasibleObjective === null) return false;
  if (incumbent.meanFeasibleObjective === null) return true;
  return candidate.meanFeasibleObjective < incumbent.meanFeasibleObjective - tolerance * Math.abs(incumbent.meanFeasibleObjective);
}

function sameWeights(a: Weights, b: Weights): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function pickBest(evaluations: readonly Evaluation[], start: Evaluation, threshold: number): Evaluation {
  const met = (evaluation: Evaluation) => Object.keys(evaluation.weights).filter((id) => (evaluation.feasibilityRates[id] ?? 0) >= threshold).length;
  const total = (evaluation: Evaluation) => Object.values(evaluation.weights).reduce((sum, weight) => sum + weight, 0);
  const objective = (evaluation: Evaluation) => evaluation.meanFeasibleObjective ?? Number.POSITIVE_INFINITY;
  const ranked = [...evaluations].sort((a, b) => met(b) - met(a) || objective(a) - objective(b) || total(a) - total(b));
  const best = ranked[0];
  // Never trade the start for a vector that meets fewer constraints.
  return met(best) >= met(start) ? best : start;
}
