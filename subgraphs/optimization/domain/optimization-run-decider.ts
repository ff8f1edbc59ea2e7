import { DomainError, type Decider } from '../../../platform/commands/decider';
import type { AlgorithmRunMetered, ConstraintOutcomesRecorded, OptimizationRunEvent, ResourceUsageRecorded } from '../../../schema/events';

export type OptimizationRunState = { readonly recorded: boolean };
export type RecordOptimization = {
  readonly type: 'RecordOptimization';
  readonly outcome: OptimizationRunEvent;
  /** How each constraint fared, when the run had constraints. */
  readonly constraintOutcomes?: ConstraintOutcomesRecorded['data'];
  /** What the run consumed, for metering. */
  readonly resourceUsage: ResourceUsageRecorded['data'];
  /** The run of a marketplace algorithm's recipe, metered to its listing. */
  readonly algorithmRun?: AlgorithmRunMetered['data'];
};

/**
 * A synchronous run is recorded once: its stream holds its outcome event, preceded by its
 * constraints' outcomes when it had constraints and followed by what it consumed and, for a run
 * of a marketplace algorithm, its metering (one append, so none exists without the others).
 */
export const optimizationRunDecider: Decider<OptimizationRunState, RecordOptimization, OptimizationRunEvent | ConstraintOutcomesRecorded | ResourceUsageRecorded | AlgorithmRunMetered> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  decide(command, state) {
    if (state.recorded) throw new DomainError('CONFLICT', `Optimization run ${command.outcome.data.runId} is already recorded.`);
    return [...constraintOutcomesEvent(command.constraintOutcomes), command.outcome, { type: 'ResourceUsageRecorded', data: command.resourceUsage }, ...algorithmRunEvent(command.algorithmRun)];
  },
};

/** The metering event of a solve that ran a marketplace algorithm, or none. */
export function algorithmRunEvent(data: AlgorithmRunMetered['data'] | undefined): AlgorithmRunMetered[] {
  return data ? [{ type: 'AlgorithmRunMetered', data }] : [];
}

/** The outcomes event of a solve, or none when the solve had no constraint. */
export function constraintOutcomesEvent(data: ConstraintOutcomesRecorded['data'] | undefined): ConstraintOutcomesRecorded[] {
  return data && data.constraints.length > 0 ? [{ type: 'ConstraintOutcomesRecorded', data }] : [];
}
