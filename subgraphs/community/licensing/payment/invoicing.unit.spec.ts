import { invoicing } from './invoicing';
import type { Purchase } from './payment-port';

const purchase: Purchase = {
  licenseId: 'l1',
  tenantId: 'buyer',
  algorithmId: 'a1',
  algorithmName: 'Tabu for Max-Cut',
  version: 2,
  licenseType: 'COMMERCIAL',
  price: 250,
  currency: 'EUR',
  purchasedAt: '2026-11-26T10:00:00.000Z',
};

describe('payment by invoice', () => {
  it('charges a purchase with one invoice line for the licence, due thirty days later', () => {
    const { invoice } = invoicing.charge(purchase);
    expect(invoice).toEqual({
      licenseId: 'l1',
      algorithmId: 'a1',
      version: 2,
      tenantId: 'buyer',
      invoiceId: expect.any(String),
      number: `INV-20261126-${invoice.invoiceId.slice(0, 8).toUpperCase()}`,
      lines: [{ description: 'Tabu for Max-Cut, version 2: COMMERCIAL licence', quantity: 1, unitPrice: 250, amount: 250 }],
      total: 250,
      currency: 'EUR',
      issuedAt: '2026-11-26T10:00:00.000Z',
      dueAt: '2026-12-26T10:00:00.000Z',
    });
  });

  it('gives the same invoice for the same licence, so a repeated purchase bills nothing new', () => {
    expect(invoicing.charge(purchase)).toEqual(invoicing.charge(purchase));
    expect(invoicing.charge({ ...purchase, licenseId: 'l2' }).invoice.invoiceId).not.toBe(invoicing.charge(purchase).invoice.invoiceId);
  });

  it('refunds an invoice with a credit note over its whole total', () => {
    const { invoice } = invoicing.charge(purchase);
    expect(invoicing.refund({ invoiceId: invoice.invoiceId, total: invoice.total, currency: invoice.currency })).toEqual({
      creditNote: { creditNoteId: expect.any(String), invoiceId: invoice.invoiceId, amount: 250, currency: 'EUR' },
    });
  });
});
