import { DomainError, type Decider } from '../../../platform/commands/decider';
import type { ConstraintsEvolved, EvolutionEvent } from '../../../schema/events';

export type EvolutionState = { readonly status: 'absent' } | { readonly status: 'recorded'; readonly tenantId: string; readonly dryRun: boolean };

export type EvolutionCommand = { readonly type: 'RecordEvolution'; readonly evolution: ConstraintsEvolved['data'] };

/** An evolution is recorded once: what it measured and decided, before its updates are applied. */
export const evolutionDecider: Decider<EvolutionState, EvolutionCommand, EvolutionEvent> = {
  initialState: () => ({ status: 'absent' }),
  evolve: (_state, event) => ({ status: 'recorded', tenantId: event.data.tenantId, dryRun: event.data.dryRun }),
  decide(command, state) {
    if (state.status !== 'absent') throw new DomainError('CONFLICT', `Evolution ${command.evolution.evolutionId} is already recorded.`);
    return [{ type: 'ConstraintsEvolved', data: command.evolution }];
  },
};
