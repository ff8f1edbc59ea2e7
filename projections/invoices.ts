import { LICENSE_CATEGORY, type LicenseEvent } from '../schema/events';
import { INVOICES_COLLECTION, type InvoiceDocument } from '../schema/read-models/licensing';
import type { Projection } from './projection';

/** Every purchase's invoice, in the buyer's tenant; a refund marks it credited with its credit note. */
export const invoicesProjection: Projection = {
  name: 'invoices',
  collections: [{ name: INVOICES_COLLECTION, indexes: ['tenantId', 'licenseId', 'status', 'issuedAt'] }],
  filter: { categories: [LICENSE_CATEGORY], eventTypes: ['InvoiceIssued', 'LicenseRefunded'] },
  handle(recorded, context) {
    const event = recorded as unknown as LicenseEvent;
    if (event.type === 'InvoiceIssued') {
      const { invoiceId, ...invoice } = event.data;
      const document: InvoiceDocument = { id: invoiceId, ...invoice, status: 'ISSUED' };
      context.upsert(INVOICES_COLLECTION, document);
    } else if (event.type === 'LicenseRefunded') {
      context.patch(INVOICES_COLLECTION, event.data.invoiceId, { status: 'CREDITED', creditNoteId: event.data.creditNoteId, creditedAt: event.data.refundedAt });
    }
  },
};
