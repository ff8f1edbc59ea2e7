import { evolutionTriggerStreamId, type EvolutionTriggerDefinition, type EvolutionTriggerEvent } from '../schema/events';
import { EVOLUTION_TRIGGERS_COLLECTION } from '../schema/read-models/evolution-triggers';
import { describeProjection, stream } from '../test/support/projection-spec';
import { evolutionTriggersProjection } from './evolution-triggers';

const t1 = '2026-12-03T09:00:00.000Z';
const t2 = '2026-12-03T10:00:00.000Z';
const action = { type: 'EVOLVE_CONSTRAINTS', evolutionStrategy: 'BALANCED', performanceThreshold: 0.85, dryRun: false } as const;
const definition: EvolutionTriggerDefinition = { triggerId: 'tr1', tenantId: 'acme', triggerType: 'TIME_BASED', conditions: { everyMinutes: 60 }, actions: [action], priority: 1, isActive: true };

describeProjection(evolutionTriggersProjection, (spec) => {
  const trigger = stream<EvolutionTriggerEvent>(evolutionTriggerStreamId('tr1'), 'acme');
  const { triggerId: _id, ...rest } = definition;

  it('lists a trigger as last defined, and counts its firings', () =>
    spec
      .given(trigger({ type: 'EvolutionTriggerCreated', data: { ...definition, createdBy: 'ada', createdAt: t1 } }))
      .when(
        trigger({ type: 'EvolutionTriggerUpdated', data: { ...definition, priority: 7, isActive: false, updatedBy: 'bob', updatedAt: t2 } }),
        trigger({ type: 'EvolutionTriggerFired', data: { triggerId: 'tr1', tenantId: 'acme', key: 'time:1', reason: 'every hour', actions: [{ ...action, evolutionId: 'e1' }], firedAt: t2 } }),
      )
      .then({
        [EVOLUTION_TRIGGERS_COLLECTION]: [{ id: 'tr1', ...rest, priority: 7, isActive: false, createdBy: 'ada', createdAt: t1, updatedAt: t2, fireCount: 1, lastFiredAt: t2, lastFiredReason: 'every hour' }],
      }));
});
