import type { LicenseType } from '../events/algorithm-events';
import type { InvoiceIssued } from '../events/license-events';

/**
 * Every licence a tenant bought (`licenseId`), in the buyer's tenant (`tenantId`). A refund or a
 * revocation keeps the document and ends it (`status`, `endedAt`, `endReason`): an invoice and an
 * audit trail still point at it.
 */
export const LICENSES_COLLECTION = 'licenses';

export type LicenseStatus = 'ACTIVE' | 'REFUNDED' | 'REVOKED';

export interface LicenseDocument {
  readonly id: string;
  /** The buyer's tenant: the only tenant that sees the licence. */
  readonly tenantId: string;
  readonly algorithmId: string;
  readonly version: number;
  readonly licenseType: LicenseType;
  readonly status: LicenseStatus;
  /** Fixed at purchase. */
  readonly price: number;
  readonly currency: string;
  readonly buyerId: string;
  readonly invoiceId: string | null;
  readonly idempotencyKey: string;
  /** The listing's owner, for its sales figures; never shown to the author with the buyer. */
  readonly authorTenantId: string;
  readonly issuedAt: string;
  readonly endedAt?: string;
  readonly endReason?: string;
  readonly [field: string]: unknown;
}

/** Every invoice of a purchase (`invoiceId`), in the buyer's tenant; a refund credits it in full. */
export const INVOICES_COLLECTION = 'invoices';

export type InvoiceStatus = 'ISSUED' | 'CREDITED';

export interface InvoiceDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly number: string;
  readonly licenseId: string;
  readonly algorithmId: string;
  readonly version: number;
  readonly lines: InvoiceIssued['data']['lines'];
  readonly total: number;
  readonly currency: string;
  readonly status: InvoiceStatus;
  readonly issuedAt: string;
  readonly dueAt: string;
  /** The credit note of a refund, and when it was issued. */
  readonly creditNoteId?: string;
  readonly creditedAt?: string;
  readonly [field: string]: unknown;
}

/**
 * A listing's sales for its author, one document per licence type and currency
 * (`<algorithmId>:<licenseType>:<currency>`), in the author's tenant: counts and revenue, never buyers.
 */
export const ALGORITHM_SALES_COLLECTION = 'algorithm_sales';

export const algorithmSalesId = (algorithmId: string, licenseType: LicenseType, currency: string): string => `${algorithmId}:${licenseType}:${currency}`;

export interface AlgorithmSalesDocument {
  readonly id: string;
  /** The listing's author tenant. */
  readonly tenantId: string;
  readonly algorithmId: string;
  readonly licenseType: LicenseType;
  readonly currency: string;
  readonly sold: number;
  readonly refunded: number;
  /** What the licences sold brought in, less what refunds credited back. */
  readonly revenue: number;
  readonly [field: string]: unknown;
}

/** Which sales document each licence counts in, so its refund is taken off the right one (`licenseId`). */
export const ALGORITHM_SALE_ENTRIES_COLLECTION = 'algorithm_sale_entries';

export interface AlgorithmSaleEntryDocument {
  readonly id: string;
  readonly salesId: string;
  readonly [field: string]: unknown;
}
