import { derivedId } from '../../../../platform/derived-id';
import type { PaymentPort, Purchase } from './payment-port';

/** Net 30: the invoice falls due thirty days after the purchase. */
const PAYMENT_TERMS_DAYS = 30;
const DAY_MS = 24 * 3_600_000;

/**
 * Payment by invoice: each purchase gets an invoice document that the buyer's tenant pays by bank
 * transfer within the payment terms; a refund gets a credit note over the whole invoice. Ids are
 * derived from the licence, so asking twice for the same purchase gives the same documents.
 */
export const invoicing: PaymentPort = {
  charge(purchase) {
    const invoiceId = derivedId('invoice', purchase.licenseId);
    return {
      invoice: {
        licenseId: purchase.licenseId,
        algorithmId: purchase.algorithmId,
        version: purchase.version,
        tenantId: purchase.tenantId,
        invoiceId,
        number: invoiceNumber(purchase.purchasedAt, invoiceId),
        lines: [{ description: lineDescription(purchase), quantity: 1, unitPrice: purchase.price, amount: purchase.price }],
        total: purchase.price,
        currency: purchase.currency,
        issuedAt: purchase.purchasedAt,
        dueAt: new Date(Date.parse(purchase.purchasedAt) + PAYMENT_TERMS_DAYS * DAY_MS).toISOString(),
      },
    };
  },

  refund(charge) {
    return { creditNote: { creditNoteId: derivedId('credit-note', charge.invoiceId), invoiceId: charge.invoiceId, amount: charge.total, currency: charge.currency } };
  },
};

/** `INV-20261126-7F3A09C2`: the day of issue and the start of the invoice's id, readable on a bank transfer. */
function invoiceNumber(issuedAt: string, invoiceId: string): string {
  return `INV-${issuedAt.slice(0, 10).replace(/-/g, '')}-${invoiceId.slice(0, 8).toUpperCase()}`;
}

function lineDescription(purchase: Purchase): string {
  return `${purchase.algorithmName}, version ${purchase.version}: ${purchase.licenseType} licence`;
}
