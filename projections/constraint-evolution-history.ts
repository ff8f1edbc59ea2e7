import { CONSTRAINT_CATEGORY, type ConstraintUpdated } from '../schema/events';
import { CONSTRAINT_EVOLUTION_HISTORY_COLLECTION, type ConstraintEvolutionHistoryDocument } from '../schema/read-models/constraint-evolution-history';
import type { Projection } from './projection';

const UPDATED: ConstraintUpdated['type'] = 'ConstraintUpdated';

/** `constraintEvolutionHistory`: each ConstraintUpdated with its reason, who made it, and the evolution's evidence when one did. */
export const constraintEvolutionHistoryProjection: Projection = {
  name: 'constraint-evolution-history',
  collections: [{ name: CONSTRAINT_EVOLUTION_HISTORY_COLLECTION, indexes: ['constraintId', 'tenantId', 'occurredAt'] }],
  filter: { categories: [CONSTRAINT_CATEGORY], eventTypes: [UPDATED] },
  handle(recorded, context) {
    const { data } = recorded as unknown as ConstraintUpdated;
    const { id: _id, kind: _kind, ...parameters } = data.constraint;
    const document: ConstraintEvolutionHistoryDocument = {
      id: `${data.constraintId}:${recorded.revision}`,
      tenantId: recorded.metadata.tenantId,
      constraintId: data.constraintId,
      problemId: data.problemId,
      evolutionReason: data.evolutionReason,
      oldParameters: { penaltyWeight: data.previousPenaltyWeight, penaltyMethod: data.previousPenaltyMethod },
      newParameters: parameters,
      occurredAt: data.updatedAt,
      actor: recorded.metadata.actor,
      evolutionId: data.evolution?.evolutionId ?? null,
      ...(data.evolution && { evolution: data.evolution }),
    };
    context.upsert(CONSTRAINT_EVOLUTION_HISTORY_COLLECTION, document);
  },
};
