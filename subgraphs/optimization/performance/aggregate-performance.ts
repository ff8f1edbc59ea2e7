import type { ConstraintOutcomeDocument, ConstraintPerformanceDayDocument } from '../../../schema/read-models/constraint-performance';

export interface PerformanceSummary {
  readonly solves: number;
  /** The share of solves whose best sample satisfied the constraint. */
  readonly feasibilityRate: number;
  readonly meanViolation: number;
  /** Mean of (objective − best ever) / |best ever| over solves with an objective; null without a reference. */
  readonly meanObjectiveGap: number | null;
  readonly cpuMs: number;
}

export type TrendDirection = 'IMPROVING' | 'STABLE' | 'DECLINING';

export interface PerformanceTrend {
  readonly direction: TrendDirection;
  /** The later half's feasibility rate minus the earlier half's. */
  readonly feasibilityRateChange: number;
}

/** Fewer solves than this say nothing about a trend. */
export const MIN_SOLVES_FOR_TREND = 4;
/** A change in feasibility rate smaller than this is noise. */
const TREND_THRESHOLD = 0.05;

/** One constraint's outcomes, folded exactly (`constraintPerformance(from, to)`). */
export function summarizeOutcomes(outcomes: readonly ConstraintOutcomeDocument[], bestObjective: number | undefined): PerformanceSummary {
  const objectives = outcomes.flatMap((outcome) => (outcome.objective === null ? [] : [outcome.objective]));
  return summary({
    solves: outcomes.length,
    satisfiedSolves: outcomes.filter((outcome) => outcome.satisfied).length,
    violationSum: sum(outcomes.map((outcome) => outcome.violation)),
    objectiveSum: sum(objectives),
    objectiveCount: objectives.length,
    cpuMsSum: sum(outcomes.map((outcome) => outcome.cpuMs)),
    bestObjective,
  });
}

/** Days of one constraint, folded (`tenantPerformance(days)`). */
export function summarizeDays(days: readonly ConstraintPerformanceDayDocument[], bestObjective: number | undefined): PerformanceSummary {
  return summary({
    solves: sum(days.map((day) => day.solves)),
    satisfiedSolves: sum(days.map((day) => day.satisfiedSolves)),
    violationSum: sum(days.map((day) => day.violationSum)),
    objectiveSum: sum(days.map((day) => day.objectiveSum)),
    objectiveCount: sum(days.map((day) => day.objectiveCount)),
    cpuMsSum: sum(days.map((day) => day.cpuMsSum)),
    bestObjective,
  });
}

/** Feasibility of the later half of the outcomes (in time order) against the earlier half; null with too few. */
export function feasibilityTrend(outcomes: readonly ConstraintOutcomeDocument[]): PerformanceTrend | null {
  if (outcomes.length < MIN_SOLVES_FOR_TREND) return null;
  const ordered = [...outcomes].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  const half = Math.floor(ordered.length / 2);
  const rate = (part: readonly ConstraintOutcomeDocument[]) => part.filter((outcome) => outcome.satisfied).length / part.length;
  const change = rate(ordered.slice(half)) - rate(ordered.slice(0, half));
  return { direction: change > TREND_THRESHOLD ? 'IMPROVING' : change < -TREND_THRESHOLD ? 'DECLINING' : 'STABLE', feasibilityRateChange: change };
}

interface Totals {
  readonly solves: number;
  readonly satisfiedSolves: number;
  readonly violationSum: number;
  readonly objectiveSum: number;
  readonly objectiveCount: number;
  readonly cpuMsSum: number;
  readonly bestObjective: number | undefined;
}

function summary(totals: Totals): PerformanceSummary {
  const { solves, bestObjective } = totals;
  // The mean gap is the gap of the mean objective: the reference is one number for every solve.
  const meanObjective = totals.objectiveCount > 0 ? totals.objectiveSum / totals.objectiveCount : undefined;
  const meanObjectiveGap = meanObjective === undefined || bestObjective === undefined ? null : (meanObjective - bestObjective) / Math.max(Math.abs(bestObjective), Number.EPSILON);
  return {
    solves,
    feasibilityRate: solves > 0 ? totals.satisfiedSolves / solves : 0,
    meanViolation: solves > 0 ? totals.violationSum / solves : 0,
    meanObjectiveGap,
    cpuMs: totals.cpuMsSum,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
