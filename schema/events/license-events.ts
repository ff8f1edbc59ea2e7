import type { DomainEvent } from '../../platform/commands/decider';
import type { LicenseType } from './algorithm-events';

/**
 * A purchase, `license-<licenseId>`: the licence, the entitlement it gives and the invoice that
 * charges for it, all in the buyer's tenant. The licence id is derived from the buyer's tenant and
 * the request's idempotency key, so a repeated request lands on the same stream and charges once.
 * The optimization subgraph folds the entitlement events into a read model of its own, so a run
 * with `algorithmId` is checked without importing the community subgraph.
 */
export const LICENSE_CATEGORY = 'license';
export const licenseStreamId = (licenseId: string): string => `${LICENSE_CATEGORY}-${licenseId}`;

interface LicenseRef {
  readonly licenseId: string;
  readonly algorithmId: string;
  /** The version bought: buyers keep their version's licence when the listing moves on. */
  readonly version: number;
  /** The buyer's tenant. */
  readonly tenantId: string;
}

export type LicenseIssued = DomainEvent<'LicenseIssued', LicenseRef & {
  readonly buyerId: string;
  readonly licenseType: LicenseType;
  /** Fixed at purchase from the version's price list. */
  readonly price: number;
  readonly currency: string;
  readonly idempotencyKey: string;
  /** The listing's owner, so its author sees sales without reading the buyer's tenant. */
  readonly authorTenantId: string;
  readonly issuedAt: string;
}>;
/** What the solver checks at use: the buyer's tenant may run this algorithm version. */
export type EntitlementGranted = DomainEvent<'EntitlementGranted', LicenseRef & { readonly licenseType: LicenseType; readonly grantedAt: string }>;
export type EntitlementRevoked = DomainEvent<'EntitlementRevoked', LicenseRef & { readonly reason: 'REFUNDED' | 'REVOKED'; readonly revokedAt: string }>;
/** The invoice document of a purchase (the payment port's invoice implementation). */
export type InvoiceIssued = DomainEvent<'InvoiceIssued', LicenseRef & {
  readonly invoiceId: string;
  readonly number: string;
  readonly lines: readonly { readonly description: string; readonly quantity: number; readonly unitPrice: number; readonly amount: number }[];
  readonly total: number;
  readonly currency: string;
  readonly issuedAt: string;
  readonly dueAt: string;
}>;
/** A refund: the invoice is credited in full and the entitlement ends. */
export type LicenseRefunded = DomainEvent<'LicenseRefunded', LicenseRef & { readonly invoiceId: string; readonly creditNoteId: string; readonly amount: number; readonly currency: string; readonly reason: string; readonly refundedBy: string; readonly refundedAt: string }>;
/** A revocation (terms broken, listing withdrawn): the entitlement ends without a refund. */
export type LicenseRevoked = DomainEvent<'LicenseRevoked', LicenseRef & { readonly reason: string; readonly revokedBy: string; readonly revokedAt: string }>;

export type LicenseEvent = LicenseIssued | EntitlementGranted | EntitlementRevoked | InvoiceIssued | LicenseRefunded | LicenseRevoked;

export const LICENSE_EVENT_VERSIONS: Readonly<Record<LicenseEvent['type'], number>> = {
  LicenseIssued: 1,
  EntitlementGranted: 1,
  EntitlementRevoked: 1,
  InvoiceIssued: 1,
  LicenseRefunded: 1,
  LicenseRevoked: 1,
};
