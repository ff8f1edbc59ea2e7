import { EVOLUTION_CATEGORY, type EvolutionEvent } from '../schema/events';
import { EVOLUTIONS_COLLECTION, type EvolutionDocument } from '../schema/read-models/evolutions';
import type { Projection } from './projection';

/** `evolutions(tenantId, status)`: every evolution of a tenant, proposals waiting for approval among them. */
export const evolutionsProjection: Projection = {
  name: 'evolutions',
  collections: [{ name: EVOLUTIONS_COLLECTION, indexes: ['tenantId', 'status', 'evolvedAt'] }],
  filter: { categories: [EVOLUTION_CATEGORY] },
  handle(recorded, context) {
    const event = recorded as unknown as EvolutionEvent;
    switch (event.type) {
      case 'ConstraintsEvolved':
      case 'EvolutionProposed': {
        const status = event.type === 'EvolutionProposed' ? 'PROPOSED' : event.data.dryRun ? 'DRY_RUN' : 'APPLIED';
        const document: EvolutionDocument = { id: event.data.evolutionId, ...event.data, status };
        context.upsert(EVOLUTIONS_COLLECTION, document);
        return;
      }
      case 'EvolutionApproved':
        context.patch(EVOLUTIONS_COLLECTION, event.data.evolutionId, { status: 'APPROVED', decidedBy: event.data.approvedBy, decidedAt: event.data.approvedAt });
        return;
      case 'EvolutionRejected':
        context.patch(EVOLUTIONS_COLLECTION, event.data.evolutionId, { status: 'REJECTED', decidedBy: event.data.rejectedBy, decidedAt: event.data.rejectedAt, rejectionReason: event.data.reason });
        return;
    }
  },
};
