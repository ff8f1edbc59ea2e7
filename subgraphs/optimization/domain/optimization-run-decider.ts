import { DomainError, type Decider } from '../../../platform/commands/decider';
import type { ConstraintOutcomesRecorded, OptimizationRunEvent } from '../../../schema/events';

export type OptimizationRunState = { readonly recorded: boolean };
export type RecordOptimization = {
  readonly type: 'RecordOptimization';
  readonly outcome: OptimizationRunEvent;
  /** How each constraint fared, when the run had constraints. */
  readonly constraintOutcomes?: ConstraintOutcomesRecorded['data'];
};

/**
 * A synchronous run is recorded once: its stream holds its outcome event, preceded by its
 * constraints' outcomes when it had constraints (one append, so neither exists without the other).
 */
export const optimizationRunDecider: Decider<OptimizationRunState, RecordOptimization, OptimizationRunEvent | ConstraintOutcomesRecorded> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  decide(command, state) {
    if (state.recorded) throw new DomainError('CONFLICT', `Optimization run ${command.outcome.data.runId} is already recorded.`);
    return [...constraintOutcomesEvent(command.constraintOutcomes), command.outcome];
  },
};

/** The outcomes event of a solve, or none when the solve had no constraint. */
export function constraintOutcomesEvent(data: ConstraintOutcomesRecorded['data'] | undefined): ConstraintOutcomesRecorded[] {
  return data && data.constraints.length > 0 ? [{ type: 'ConstraintOutcomesRecorded', data }] : [];
}
