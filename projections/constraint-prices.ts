import { CONSTRAINT_PRICE_CATEGORY, type ConstraintPriceMeasured } from '../schema/events';
import { CONSTRAINT_PRICES_COLLECTION, type ConstraintPriceDocument } from '../schema/read-models/constraint-performance';
import type { Projection } from './projection';

/** Each constraint's latest measured price, shown with its performance. */
export const constraintPricesProjection: Projection = {
  name: 'constraint-prices',
  collections: [{ name: CONSTRAINT_PRICES_COLLECTION, indexes: ['tenantId'] }],
  // The change's audit record travels in the same stream: only the measurements are folded.
  filter: { categories: [CONSTRAINT_PRICE_CATEGORY], eventTypes: ['ConstraintPriceMeasured'] },
  handle(recorded, context) {
    const { data } = recorded as unknown as ConstraintPriceMeasured;
    const document: ConstraintPriceDocument = { id: data.constraintId, ...data };
    context.upsert(CONSTRAINT_PRICES_COLLECTION, document);
  },
};
