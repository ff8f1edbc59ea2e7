import { DomainError, type Decider } from '../../../platform/commands/decider';
import type { OptimizationRunEvent } from '../../../schema/events';

export type OptimizationRunState = { readonly recorded: boolean };
export type RecordOptimization = { readonly type: 'RecordOptimization'; readonly outcome: OptimizationRunEvent };

/** A synchronous run is recorded once: its stream holds exactly one outcome event. */
export const optimizationRunDecider: Decider<OptimizationRunState, RecordOptimization, OptimizationRunEvent> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  decide(command, state) {
    if (state.recorded) throw new DomainError('CONFLICT', `Optimization run ${command.outcome.data.runId} is already recorded.`);
    return [command.outcome];
  },
};
