import { LICENSE_CATEGORY, type LicenseEvent } from '../schema/events';
import {
  ALGORITHM_SALE_ENTRIES_COLLECTION,
  ALGORITHM_SALES_COLLECTION,
  algorithmSalesId,
  type AlgorithmSaleEntryDocument,
  type AlgorithmSalesDocument,
} from '../schema/read-models/licensing';
import type { Projection } from './projection';

/** Each listing's sales per licence type, for its author: licences sold and refunded, and the revenue they leave. */
export const algorithmSalesProjection: Projection = {
  name: 'algorithm-sales',
  collections: [
    { name: ALGORITHM_SALES_COLLECTION, indexes: ['algorithmId', 'tenantId'] },
    { name: ALGORITHM_SALE_ENTRIES_COLLECTION, indexes: [] },
  ],
  filter: { categories: [LICENSE_CATEGORY], eventTypes: ['LicenseIssued', 'LicenseRefunded'] },
  async handle(recorded, context) {
    const event = recorded as unknown as LicenseEvent;
    if (event.type === 'LicenseIssued') {
      const { licenseId, algorithmId, licenseType, currency, price, authorTenantId } = event.data;
      const id = algorithmSalesId(algorithmId, licenseType, currency);
      const sales = await context.get<AlgorithmSalesDocument>(ALGORITHM_SALES_COLLECTION, id);
      const updated: AlgorithmSalesDocument = sales
        ? { ...sales, sold: sales.sold + 1, revenue: sales.revenue + price }
        : { id, tenantId: authorTenantId, algorithmId, licenseType, currency, sold: 1, refunded: 0, revenue: price };
      context.upsert(ALGORITHM_SALES_COLLECTION, updated);
      const entry: AlgorithmSaleEntryDocument = { id: licenseId, salesId: id };
      context.upsert(ALGORITHM_SALE_ENTRIES_COLLECTION, entry);
    } else if (event.type === 'LicenseRefunded') {
      const entry = await context.get<AlgorithmSaleEntryDocument>(ALGORITHM_SALE_ENTRIES_COLLECTION, event.data.licenseId);
      const sales = entry && (await context.get<AlgorithmSalesDocument>(ALGORITHM_SALES_COLLECTION, entry.salesId));
      if (sales) context.patch(ALGORITHM_SALES_COLLECTION, sales.id, { refunded: sales.refunded + 1, revenue: sales.revenue - event.data.amount });
    }
  },
};
