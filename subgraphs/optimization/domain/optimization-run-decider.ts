import { DomainError, type Decider } from '../../../platform/commands/decider';
import type { QuboOptimized } from '../../../schema/events';

export type OptimizationRunState = { readonly recorded: boolean };
export type RecordOptimization = { readonly type: 'RecordOptimization'; readonly outcome: QuboOptimized['data'] };

/** A run is recorded once: its stream holds exactly one QuboOptimized. */
export const optimizationRunDecider: Decider<OptimizationRunState, RecordOptimization, QuboOptimized> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  decide(command, state) {
    if (state.recorded) throw new DomainError('CONFLICT', `Optimization run ${command.outcome.runId} is already recorded.`);
    return [{ type: 'QuboOptimized', data: command.outcome }];
  },
};
