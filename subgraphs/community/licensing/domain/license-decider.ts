import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { ErrorCode } from '../../../../platform/errors';
import type { LicenseType } from '../../../../schema/events/algorithm-events';
import type { LicenseEvent, LicenseIssued } from '../../../../schema/events/license-events';
import type { CreditNote, Invoice } from '../payment/payment-port';

/** What the marketplace's read model says about a listing at the moment of purchase. */
export interface ListingOffer {
  readonly algorithmId: string;
  readonly name: string;
  /** The listing's owner. */
  readonly authorTenantId: string;
  readonly deprecated: boolean;
  /** The latest approved version, the one a purchase buys; null while none is approved. */
  readonly latestApproved: { readonly version: number; readonly currency: string; readonly licensePrices: Readonly<Record<LicenseType, number>> } | null;
}

type LicenseRef = Pick<LicenseIssued['data'], 'licenseId' | 'algorithmId' | 'version' | 'tenantId'>;

export type LicenseState =
  | { readonly status: 'NONE' }
  | { readonly status: 'ACTIVE' | 'REFUNDED' | 'REVOKED'; readonly ref: LicenseRef; readonly licenseType: LicenseType; readonly price: number; readonly currency: string; readonly invoiceId: string | null; readonly issuedAt: string; readonly endedAt: string | null };

export type LicenseCommand =
  | {
      readonly type: 'PurchaseLicense';
      readonly licenseId: string;
      /** The buyer's tenant. */
      readonly tenantId: string;
      readonly buyerId: string;
      readonly idempotencyKey: string;
      readonly algorithmId: string;
      readonly licenseType: LicenseType;
      /** Undefined: no such listing. */
      readonly listing: ListingOffer | undefined;
      /** The payment port's invoice for the latest approved version; undefined when there is none. */
      readonly invoice: Invoice | undefined;
      readonly at: string;
    }
  | {
      readonly type: 'RefundLicense';
      readonly licenseId: string;
      readonly reason: string;
      readonly creditNote: CreditNote;
      /** A platform admin refunds at any time; the buyer's own admins within REFUND_WINDOW_DAYS of the purchase. */
      readonly anyTime: boolean;
      readonly by: string;
      readonly at: string;
    }
  | { readonly type: 'RevokeLicense'; readonly licenseId: string; readonly reason: string; readonly by: string; readonly at: string };

const MAX_REASON = 1000;
/** The days after a purchase in which the buyer may undo it alone; later, a refund is the platform operators' decision (as on AWS Marketplace, where the buyer asks). */
export const REFUND_WINDOW_DAYS = 14;

/**
 * A purchase (`license-<licenseId>`): the licence, its entitlement and its invoice, then at most one
 * end, by refund or by revocation. The id comes from the buyer's tenant and the idempotency key, so
 * the same request meets its own earlier purchase here and buys nothing twice.
 */
export const licenseDecider: Decider<LicenseState, LicenseCommand, LicenseEvent> = {
  initialState: () => ({ status: 'NONE' }),

  evolve(state, event) {
    switch (event.type) {
      case 'LicenseIssued': {
        const { licenseId, algorithmId, version, tenantId, licenseType, price, currency, issuedAt } = event.data;
        return { status: 'ACTIVE', ref: { licenseId, algorithmId, version, tenantId }, licenseType, price, currency, invoiceId: null, issuedAt, endedAt: null };
      }
      case 'InvoiceIssued':
        return state.status === 'NONE' ? state : { ...state, invoiceId: event.data.invoiceId };
      case 'LicenseRefunded':
        return state.status === 'NONE' ? state : { ...state, status: 'REFUNDED', endedAt: event.data.refundedAt };
      case 'LicenseRevoked':
        return state.status === 'NONE' ? state : { ...state, status: 'REVOKED', endedAt: event.data.revokedAt };
      case 'EntitlementGranted':
      case 'EntitlementRevoked':
        return state;
    }
  },

  decide(command, state) {
    if (command.type === 'PurchaseLicense') return state.status === 'NONE' ? purchase(command) : repeatedPurchase(command, state);
    if (state.status === 'NONE') throw new DomainError(ErrorCode.NotFound, `License ${command.licenseId} does not exist.`);
    if (state.status !== 'ACTIVE') throw new DomainError(ErrorCode.Conflict, `License ${command.licenseId} was already ${state.status.toLowerCase()} at ${state.endedAt}; its entitlement has ended and there is nothing left to end.`);
    const reason = requireReason(command.reason);
    if (command.type === 'RefundLicense') {
      const { creditNote } = command;
      const windowEnds = Date.parse(state.issuedAt) + REFUND_WINDOW_DAYS * 86_400_000;
      if (!command.anyTime && Date.parse(command.at) > windowEnds) {
        throw new DomainError(ErrorCode.Forbidden, `License ${command.licenseId} was bought on ${state.issuedAt}, more than ${REFUND_WINDOW_DAYS} days ago: its buyer can no longer refund it alone; ask the platform's operators (a PLATFORM_ADMIN refunds at any time).`);
      }
      return [
        { type: 'LicenseRefunded', data: { ...state.ref, invoiceId: creditNote.invoiceId, creditNoteId: creditNote.creditNoteId, amount: creditNote.amount, currency: creditNote.currency, reason, refundedBy: command.by, refundedAt: command.at } },
        { type: 'EntitlementRevoked', data: { ...state.ref, reason: 'REFUNDED', revokedAt: command.at } },
      ];
    }
    return [
      { type: 'LicenseRevoked', data: { ...state.ref, reason, revokedBy: command.by, revokedAt: command.at } },
      { type: 'EntitlementRevoked', data: { ...state.ref, reason: 'REVOKED', revokedAt: command.at } },
    ];
  },
};

type Purchase = Extract<LicenseCommand, { type: 'PurchaseLicense' }>;

function purchase(command: Purchase): LicenseEvent[] {
  const { listing, invoice } = command;
  if (listing?.authorTenantId === command.tenantId) throw new DomainError(ErrorCode.BadUserInput, `Your tenant owns algorithm ${listing.algorithmId}; it runs its own listings without a licence, so there is nothing to buy.`, { field: 'input.algorithmId' });
  // A listing no moderator has approved is not on sale, and answers as one that does not exist: other tenants cannot see it.
  if (!listing?.latestApproved || !invoice) throw new DomainError(ErrorCode.NotFound, `Algorithm ${command.algorithmId} does not exist.`);
  if (listing.deprecated) throw new DomainError(ErrorCode.BadUserInput, `Algorithm ${listing.algorithmId} is deprecated and no longer sold; discover a current one with discoverAlgorithms.`, { field: 'input.algorithmId' });
  const { version, currency, licensePrices } = listing.latestApproved;
  const ref = { licenseId: command.licenseId, algorithmId: listing.algorithmId, version, tenantId: command.tenantId };
  return [
    {
      type: 'LicenseIssued',
      data: { ...ref, buyerId: command.buyerId, licenseType: command.licenseType, price: licensePrices[command.licenseType], currency, idempotencyKey: command.idempotencyKey, authorTenantId: listing.authorTenantId, issuedAt: command.at },
    },
    { type: 'EntitlementGranted', data: { ...ref, licenseType: command.licenseType, grantedAt: command.at } },
    { type: 'InvoiceIssued', data: invoice },
  ];
}

/** The same key again: the same request answers the licence it bought; another request under it is refused. */
function repeatedPurchase(command: Purchase, state: Exclude<LicenseState, { status: 'NONE' }>): LicenseEvent[] {
  if (state.ref.algorithmId === command.algorithmId && state.licenseType === command.licenseType) return [];
  throw new DomainError(
    ErrorCode.Conflict,
    `Idempotency key "${command.idempotencyKey}" was already used to buy a ${state.licenseType} licence of algorithm ${state.ref.algorithmId} (license ${state.ref.licenseId}); send a new key for a different purchase.`,
    { field: 'input.idempotencyKey', licenseId: state.ref.licenseId },
  );
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_REASON) throw new DomainError(ErrorCode.BadUserInput, `reason is required, at most ${MAX_REASON} characters.`, { field: 'reason' });
  return trimmed;
}
