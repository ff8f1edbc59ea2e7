import { licenseStreamId, type InvoiceIssued, type LicenseEvent, type LicenseIssued } from '../../schema/events';
import { stream } from '../../test/support/projection-spec';

/** One purchase's events as the licence decider writes them, for the licences' and the invoices' projection specs. */
export function purchaseOf(licenseId: string, buyer: string, at: string) {
  const events = stream<LicenseEvent>(licenseStreamId(licenseId), buyer);
  const ref = { licenseId, algorithmId: 'a1', version: 2, tenantId: buyer };
  const issued: LicenseIssued['data'] = { ...ref, buyerId: 'bob', licenseType: 'COMMERCIAL', price: 250, currency: 'EUR', idempotencyKey: `key-${licenseId}`, authorTenantId: 'author', issuedAt: at };
  const invoice: InvoiceIssued['data'] = {
    ...ref,
    invoiceId: `invoice-${licenseId}`,
    number: `INV-20261126-${licenseId.toUpperCase()}`,
    lines: [{ description: 'Tabu for Max-Cut, version 2: COMMERCIAL licence', quantity: 1, unitPrice: 250, amount: 250 }],
    total: 250,
    currency: 'EUR',
    issuedAt: at,
    dueAt: '2026-12-26T10:00:00.000Z',
  };
  return {
    issued,
    invoice,
    bought: [
      events({ type: 'LicenseIssued', data: issued }),
      events({ type: 'EntitlementGranted', data: { ...ref, licenseType: 'COMMERCIAL', grantedAt: at } }),
      events({ type: 'InvoiceIssued', data: invoice }),
    ],
    refunded: (refundedAt: string) => [
      events({ type: 'LicenseRefunded', data: { ...ref, invoiceId: invoice.invoiceId, creditNoteId: `credit-${licenseId}`, amount: 250, currency: 'EUR', reason: 'bought by mistake', refundedBy: 'bob', refundedAt } }),
      events({ type: 'EntitlementRevoked', data: { ...ref, reason: 'REFUNDED', revokedAt: refundedAt } }),
    ],
    revoked: (revokedAt: string) => [
      events({ type: 'LicenseRevoked', data: { ...ref, reason: 'terms broken', revokedBy: 'mo', revokedAt } }),
      events({ type: 'EntitlementRevoked', data: { ...ref, reason: 'REVOKED', revokedAt } }),
    ],
  };
}
