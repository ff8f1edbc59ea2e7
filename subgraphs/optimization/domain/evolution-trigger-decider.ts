import { DomainError, type Decider } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import type { EvolutionTriggerDefinition, EvolutionTriggerEvent, EvolutionTriggerFired } from '../../../schema/events';

export type EvolutionTriggerState =
  | { readonly status: 'absent' }
  | { readonly status: 'defined'; readonly definition: EvolutionTriggerDefinition; readonly firedKeys: ReadonlySet<string> };

export type TriggerChanges = Partial<Pick<EvolutionTriggerDefinition, 'conditions' | 'actions' | 'priority' | 'isActive'>>;

export type EvolutionTriggerCommand =
  | { readonly type: 'CreateEvolutionTrigger'; readonly definition: EvolutionTriggerDefinition; readonly by: string; readonly at: string }
  | { readonly type: 'UpdateEvolutionTrigger'; readonly triggerId: string; readonly tenantId: string; readonly changes: TriggerChanges; readonly by: string; readonly at: string }
  /** The runner found the trigger's condition met: fires once per key, and only while active. */
  | { readonly type: 'FireEvolutionTrigger'; readonly triggerId: string; readonly key: string; readonly reason: string; readonly actions: EvolutionTriggerFired['data']['actions']; readonly at: string };

export function triggerIdOf(command: EvolutionTriggerCommand): string {
  return command.type === 'CreateEvolutionTrigger' ? command.definition.triggerId : command.triggerId;
}

/** The seed's EvolutionTrigger: defined by a tenant, changed or switched off, fired by the trigger runner. */
export const evolutionTriggerDecider: Decider<EvolutionTriggerState, EvolutionTriggerCommand, EvolutionTriggerEvent> = {
  initialState: () => ({ status: 'absent' }),

  evolve(state, event) {
    switch (event.type) {
      case 'EvolutionTriggerCreated':
      case 'EvolutionTriggerUpdated': {
        const { triggerId, tenantId, triggerType, conditions, actions, priority, isActive } = event.data;
        const definition: EvolutionTriggerDefinition = { triggerId, tenantId, triggerType, conditions, actions, priority, isActive };
        return { status: 'defined', definition, firedKeys: state.status === 'defined' ? state.firedKeys : new Set() };
      }
      case 'EvolutionTriggerFired':
        return state.status === 'defined' ? { ...state, firedKeys: new Set([...state.firedKeys, event.data.key]) } : state;
    }
  },

  decide(command, state) {
    const triggerId = triggerIdOf(command);
    if (command.type === 'CreateEvolutionTrigger') {
      if (state.status !== 'absent') throw new DomainError(ErrorCode.Conflict, `Evolution trigger ${triggerId} already exists.`);
      return [{ type: 'EvolutionTriggerCreated', data: { ...command.definition, createdBy: command.by, createdAt: command.at } }];
    }
    if (state.status === 'absent' || (command.type === 'UpdateEvolutionTrigger' && state.definition.tenantId !== command.tenantId)) {
      throw new DomainError(ErrorCode.NotFound, `Evolution trigger ${triggerId} does not exist.`);
    }
    if (command.type === 'UpdateEvolutionTrigger') {
      return [{ type: 'EvolutionTriggerUpdated', data: { ...state.definition, ...command.changes, updatedBy: command.by, updatedAt: command.at } }];
    }
    if (!state.definition.isActive || state.firedKeys.has(command.key)) return [];
    return [{ type: 'EvolutionTriggerFired', data: { triggerId, tenantId: state.definition.tenantId, key: command.key, reason: command.reason, actions: command.actions, firedAt: command.at } }];
  },
};
