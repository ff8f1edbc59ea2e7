import { EVOLUTION_TRIGGER_CATEGORY, type EvolutionTriggerEvent } from '../schema/events';
import { EVOLUTION_TRIGGERS_COLLECTION, type EvolutionTriggerDocument } from '../schema/read-models/evolution-triggers';
import type { Projection } from './projection';

/** `evolutionTriggers(tenantId)`: each trigger as last defined, how often and when it last fired. */
export const evolutionTriggersProjection: Projection = {
  name: 'evolution-triggers',
  collections: [{ name: EVOLUTION_TRIGGERS_COLLECTION, indexes: ['tenantId', 'createdAt'] }],
  filter: { categories: [EVOLUTION_TRIGGER_CATEGORY] },
  async handle(recorded, context) {
    const event = recorded as unknown as EvolutionTriggerEvent;
    switch (event.type) {
      case 'EvolutionTriggerCreated': {
        const { triggerId, createdBy, createdAt, ...definition } = event.data;
        const document: EvolutionTriggerDocument = { id: triggerId, ...definition, createdBy, createdAt, updatedAt: createdAt, fireCount: 0 };
        context.upsert(EVOLUTION_TRIGGERS_COLLECTION, document);
        return;
      }
      case 'EvolutionTriggerUpdated': {
        const { conditions, actions, priority, isActive, updatedAt } = event.data;
        context.patch(EVOLUTION_TRIGGERS_COLLECTION, event.data.triggerId, { conditions, actions, priority, isActive, updatedAt });
        return;
      }
      case 'EvolutionTriggerFired': {
        const trigger = await context.get<EvolutionTriggerDocument>(EVOLUTION_TRIGGERS_COLLECTION, event.data.triggerId);
        if (trigger) context.patch(EVOLUTION_TRIGGERS_COLLECTION, trigger.id, { fireCount: trigger.fireCount + 1, lastFiredAt: event.data.firedAt, lastFiredReason: event.data.reason });
        return;
      }
    }
  },
};
