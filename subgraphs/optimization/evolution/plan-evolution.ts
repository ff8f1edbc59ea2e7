import type { PerformanceSummary } from '../performance/aggregate-performance';

/** A relative objective gap above this, with the constraint always satisfied, says its weight costs objective. */
export const GAP_TOLERANCE = 0.01;

export interface EvolutionTarget {
  readonly constraintId: string;
  readonly problemId: string;
  readonly penaltyWeight: number;
  readonly recorded: PerformanceSummary;
}

export interface ProblemPlan {
  readonly problemId: string;
  /** Below the threshold in recorded solves: to be raised. */
  readonly raise: readonly EvolutionTarget[];
  /** Always satisfied while the objective gap is large: to be lowered. */
  readonly lower: readonly EvolutionTarget[];
}

/**
 * What the recorded outcomes ask for, per problem: constraints without a recorded solve are left
 * alone, and a problem whose constraints all perform is not searched at all.
 */
export function planEvolution(targets: readonly EvolutionTarget[], threshold: number): ProblemPlan[] {
  const plans = new Map<string, { raise: EvolutionTarget[]; lower: EvolutionTarget[] }>();
  for (const target of targets) {
    if (target.recorded.solves === 0) continue;
    const plan = plans.get(target.problemId) ?? { raise: [], lower: [] };
    if (target.recorded.feasibilityRate < threshold) plan.raise.push(target);
    else if (target.recorded.feasibilityRate === 1 && (target.recorded.meanObjectiveGap ?? 0) > GAP_TOLERANCE) plan.lower.push(target);
    plans.set(target.problemId, plan);
  }
  return [...plans].filter(([, plan]) => plan.raise.length + plan.lower.length > 0).map(([problemId, plan]) => ({ problemId, ...plan }));
}

/** Says in words why a weight moved and on what evidence. */
export function evolutionReason(change: {
  readonly from: number;
  readonly to: number;
  readonly recorded: PerformanceSummary;
  readonly threshold: number;
  readonly measuredBefore: number;
  readonly measuredAfter: number;
  readonly shadowSolves: number;
  readonly shadowTimeLimitMs: number;
}): string {
  const percent = (value: number) => `${Math.round(value * 100)}%`;
  const measured = `shadow solves (${change.shadowSolves} × ${change.shadowTimeLimitMs} ms) measured ${percent(change.measuredBefore)} feasible at ${round(change.from)} and ${percent(change.measuredAfter)} at ${round(change.to)}`;
  if (change.to > change.from) {
    return `Raised from ${round(change.from)} to ${round(change.to)}: satisfied in ${percent(change.recorded.feasibilityRate)} of the last ${change.recorded.solves} solves, below the ${percent(change.threshold)} threshold; ${measured}.`;
  }
  const gap = change.recorded.meanObjectiveGap === null ? 'unknown' : percent(change.recorded.meanObjectiveGap);
  return `Lowered from ${round(change.from)} to ${round(change.to)}: satisfied in every one of the last ${change.recorded.solves} solves with a mean objective gap of ${gap}; ${measured}, with a better objective.`;
}

/** Four significant digits: weights as people read them in a reason. */
export function round(value: number): number {
  return Number(value.toPrecision(4));
}
