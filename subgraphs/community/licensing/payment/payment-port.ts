import type { LicenseType } from '../../../../schema/events/algorithm-events';
import type { InvoiceIssued } from '../../../../schema/events/license-events';

/** What a buyer is charged for: one licence of one version, at the price fixed at purchase. */
export interface Purchase {
  readonly licenseId: string;
  /** The buyer's tenant, who owes the invoice. */
  readonly tenantId: string;
  readonly algorithmId: string;
  readonly algorithmName: string;
  readonly version: number;
  readonly licenseType: LicenseType;
  readonly price: number;
  readonly currency: string;
  readonly purchasedAt: string;
}

/** The invoice document of a purchase, as the InvoiceIssued event records it. */
export type Invoice = InvoiceIssued['data'];

/** A charge to undo: the invoice of a refunded licence. */
export interface ChargeToRefund {
  readonly invoiceId: string;
  readonly total: number;
  readonly currency: string;
}

/** The credit note that cancels an invoice in full. */
export interface CreditNote {
  readonly creditNoteId: string;
  readonly invoiceId: string;
  readonly amount: number;
  readonly currency: string;
}

/**
 * How a purchase is paid for. The one implementation is invoicing (./invoicing.ts): the tenant pays
 * the invoice by bank transfer on its terms, outside the platform, so charging and refunding only
 * compute documents and touch no payment network. That keeps both pure: the resolver asks the port
 * before the command, and the licence decider records what it answered. A card processor would be
 * another implementation (and would then need the I/O this one does not).
 */
export interface PaymentPort {
  charge(purchase: Purchase): { readonly invoice: Invoice };
  refund(charge: ChargeToRefund): { readonly creditNote: CreditNote };
}
