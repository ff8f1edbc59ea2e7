import { LICENSE_CATEGORY, type LicenseEvent } from '../schema/events';
import { LICENSES_COLLECTION, type LicenseDocument } from '../schema/read-models/licensing';
import type { Projection } from './projection';

/** Every licence bought, in its buyer's tenant: what `licenses` and `license` read, ended licences included. */
export const licensesProjection: Projection = {
  name: 'licenses',
  collections: [{ name: LICENSES_COLLECTION, indexes: ['tenantId', 'algorithmId', 'status', 'authorTenantId', 'issuedAt'] }],
  filter: { categories: [LICENSE_CATEGORY], eventTypes: ['LicenseIssued', 'InvoiceIssued', 'LicenseRefunded', 'LicenseRevoked'] },
  handle(recorded, context) {
    const event = recorded as unknown as LicenseEvent;
    switch (event.type) {
      case 'LicenseIssued': {
        const { licenseId, ...issued } = event.data;
        const document: LicenseDocument = { id: licenseId, ...issued, status: 'ACTIVE', invoiceId: null };
        context.upsert(LICENSES_COLLECTION, document);
        return;
      }
      case 'InvoiceIssued':
        context.patch(LICENSES_COLLECTION, event.data.licenseId, { invoiceId: event.data.invoiceId });
        return;
      case 'LicenseRefunded':
        context.patch(LICENSES_COLLECTION, event.data.licenseId, { status: 'REFUNDED', endedAt: event.data.refundedAt, endReason: event.data.reason });
        return;
      case 'LicenseRevoked':
        context.patch(LICENSES_COLLECTION, event.data.licenseId, { status: 'REVOKED', endedAt: event.data.revokedAt, endReason: event.data.reason });
        return;
    }
  },
};
