import type { EvolutionTriggerDefinition, EvolutionTriggerEvent } from '../../../schema/events';
import { deciderSpec } from '../../../test/support/decider-spec';
import { evolutionTriggerDecider, type EvolutionTriggerCommand } from './evolution-trigger-decider';

const spec = deciderSpec(evolutionTriggerDecider);
const at = '2026-12-03T12:00:00.000Z';
const action = { type: 'EVOLVE_CONSTRAINTS', evolutionStrategy: 'BALANCED', performanceThreshold: 0.85, dryRun: false } as const;
const definition: EvolutionTriggerDefinition = { triggerId: 'tr1', tenantId: 't1', triggerType: 'MARKET_CHANGE', conditions: {}, actions: [action], priority: 5, isActive: true };
const created: EvolutionTriggerEvent = { type: 'EvolutionTriggerCreated', data: { ...definition, createdBy: 'ada', createdAt: at } };
const fire = (key: string): EvolutionTriggerCommand => ({ type: 'FireEvolutionTrigger', triggerId: 'tr1', key, reason: 'market moved', actions: [{ ...action, evolutionId: 'e1' }], at });
const fired = (key: string): EvolutionTriggerEvent => ({ type: 'EvolutionTriggerFired', data: { triggerId: 'tr1', tenantId: 't1', key, reason: 'market moved', actions: [{ ...action, evolutionId: 'e1' }], firedAt: at } });
const update = (changes: object, tenantId = 't1'): EvolutionTriggerCommand => ({ type: 'UpdateEvolutionTrigger', triggerId: 'tr1', tenantId, changes, by: 'bob', at });

describe('evolution trigger decider', () => {
  it('creates a trigger once', () => {
    spec.given([]).when({ type: 'CreateEvolutionTrigger', definition, by: 'ada', at }).then([created]);
    spec.given([created]).when({ type: 'CreateEvolutionTrigger', definition, by: 'ada', at }).thenRejects('CONFLICT');
  });

  it('fires once per condition key, and not while switched off', () => {
    spec.given([created]).when(fire('market:m1')).then([fired('market:m1')]);
    spec.given([created, fired('market:m1')]).when(fire('market:m1')).then([]);
    spec.given([created, fired('market:m1')]).when(fire('market:m2')).then([fired('market:m2')]);
    const off: EvolutionTriggerEvent = { type: 'EvolutionTriggerUpdated', data: { ...definition, isActive: false, updatedBy: 'bob', updatedAt: at } };
    spec.given([created, off]).when(fire('market:m3')).then([]);
  });

  it('updates what is given and keeps the rest; another tenant’s trigger is NOT_FOUND', () => {
    spec.given([created]).when(update({ priority: 9 })).then([{ type: 'EvolutionTriggerUpdated', data: { ...definition, priority: 9, updatedBy: 'bob', updatedAt: at } }]);
    spec.given([created]).when(update({ priority: 9 }, 't2')).thenRejects('NOT_FOUND');
    spec.given([]).when(update({ priority: 9 })).thenRejects('NOT_FOUND');
  });
});
