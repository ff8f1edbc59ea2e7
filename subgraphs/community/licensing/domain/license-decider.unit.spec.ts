import { deciderSpec } from '../../../../test/support/decider-spec';
import type { LicenseEvent } from '../../../../schema/events';
import { invoicing } from '../payment/invoicing';
import { REFUND_WINDOW_DAYS, licenseDecider, type LicenseCommand, type ListingOffer } from './license-decider';

const spec = deciderSpec(licenseDecider);
const at = '2026-11-26T10:00:00.000Z';
const later = '2026-11-27T10:00:00.000Z';
const listing: ListingOffer = {
  algorithmId: 'a1',
  name: 'Tabu for Max-Cut',
  authorTenantId: 'author',
  deprecated: false,
  latestApproved: { version: 2, currency: 'EUR', licensePrices: { PERSONAL: 50, COMMERCIAL: 250, ENTERPRISE: 1000 } },
};
const { invoice } = invoicing.charge({ licenseId: 'l1', tenantId: 'buyer', algorithmId: 'a1', algorithmName: listing.name, version: 2, licenseType: 'COMMERCIAL', price: 250, currency: 'EUR', purchasedAt: at });
const buy = (changes: Partial<Extract<LicenseCommand, { type: 'PurchaseLicense' }>> = {}): LicenseCommand => ({
  type: 'PurchaseLicense',
  licenseId: 'l1',
  tenantId: 'buyer',
  buyerId: 'bob',
  idempotencyKey: 'order-1',
  algorithmId: 'a1',
  licenseType: 'COMMERCIAL',
  listing,
  invoice,
  at,
  ...changes,
});
const ref = { licenseId: 'l1', algorithmId: 'a1', version: 2, tenantId: 'buyer' };
const purchased: LicenseEvent[] = [
  { type: 'LicenseIssued', data: { ...ref, buyerId: 'bob', licenseType: 'COMMERCIAL', price: 250, currency: 'EUR', idempotencyKey: 'order-1', authorTenantId: 'author', issuedAt: at } },
  { type: 'EntitlementGranted', data: { ...ref, licenseType: 'COMMERCIAL', grantedAt: at } },
  { type: 'InvoiceIssued', data: invoice },
];
const { creditNote } = invoicing.refund({ invoiceId: invoice.invoiceId, total: 250, currency: 'EUR' });
const refund = (reason = 'bought by mistake', changes: Partial<Extract<LicenseCommand, { type: 'RefundLicense' }>> = {}): LicenseCommand => ({ type: 'RefundLicense', licenseId: 'l1', reason, creditNote, anyTime: false, by: 'bob', at: later, ...changes });
const revoke = (reason = 'redistributed the recipe'): LicenseCommand => ({ type: 'RevokeLicense', licenseId: 'l1', reason, by: 'moderator-mo', at: later });
const refunded: LicenseEvent[] = [
  { type: 'LicenseRefunded', data: { ...ref, invoiceId: invoice.invoiceId, creditNoteId: creditNote.creditNoteId, amount: 250, currency: 'EUR', reason: 'bought by mistake', refundedBy: 'bob', refundedAt: later } },
  { type: 'EntitlementRevoked', data: { ...ref, reason: 'REFUNDED', revokedAt: later } },
];
const revoked: LicenseEvent[] = [
  { type: 'LicenseRevoked', data: { ...ref, reason: 'redistributed the recipe', revokedBy: 'moderator-mo', revokedAt: later } },
  { type: 'EntitlementRevoked', data: { ...ref, reason: 'REVOKED', revokedAt: later } },
];

describe('license decider', () => {
  describe('purchase', () => {
    it('issues the licence of the latest approved version at its price, grants the entitlement and records the invoice, in one decision', () => {
      spec.given([]).when(buy()).then(purchased);
    });

    it('answers a repeated request with the same key with nothing new: one licence, charged once', () => {
      spec.given(purchased).when(buy()).then([]);
    });

    it('answers the repeat with nothing new even when the listing has since been deprecated', () => {
      spec.given(purchased).when(buy({ listing: { ...listing, deprecated: true } })).then([]);
    });

    it('refuses the same key for another algorithm or licence type with CONFLICT naming the licence it bought', () => {
      spec.given(purchased).when(buy({ licenseType: 'ENTERPRISE' })).thenRejects('CONFLICT', /order-1.*new key/);
      spec.given(purchased).when(buy({ algorithmId: 'a2' })).thenRejects('CONFLICT', /l1/);
    });

    it('refuses an algorithm that does not exist', () => {
      spec.given([]).when(buy({ listing: undefined, invoice: undefined })).thenRejects('NOT_FOUND', /a1/);
    });

    it('refuses a listing with no approved version yet as one that does not exist (it is not on sale, nor visible)', () => {
      spec.given([]).when(buy({ listing: { ...listing, latestApproved: null }, invoice: undefined })).thenRejects('NOT_FOUND', /a1/);
    });

    it('refuses a deprecated listing', () => {
      spec.given([]).when(buy({ listing: { ...listing, deprecated: true } })).thenRejects('BAD_USER_INPUT', /deprecated/);
    });

    it("refuses the author's own tenant: it needs no licence", () => {
      spec.given([]).when(buy({ tenantId: 'author' })).thenRejects('BAD_USER_INPUT', /owns/);
    });
  });

  describe('refund and revocation', () => {
    it('refunds: the invoice is credited in full and the entitlement ends', () => {
      spec.given(purchased).when(refund()).then(refunded);
    });

    it(`lets the buyer refund within ${REFUND_WINDOW_DAYS} days of the purchase, and only a platform admin after`, () => {
      const lastMoment = new Date(Date.parse(at) + REFUND_WINDOW_DAYS * 86_400_000).toISOString();
      const tooLate = new Date(Date.parse(lastMoment) + 1).toISOString();
      const refundedAt = (when: string) => refunded.map((event) => ({ ...event, data: { ...event.data, ...(event.type === 'LicenseRefunded' ? { refundedAt: when } : { revokedAt: when }) } }) as LicenseEvent);
      spec.given(purchased).when(refund('bought by mistake', { at: lastMoment })).then(refundedAt(lastMoment));
      spec.given(purchased).when(refund('bought by mistake', { at: tooLate })).thenRejects('FORBIDDEN', /ask the platform's operators/);
      spec.given(purchased).when(refund('bought by mistake', { at: tooLate, anyTime: true })).then(refundedAt(tooLate));
    });

    it('revokes: the entitlement ends, the invoice stands', () => {
      spec.given(purchased).when(revoke()).then(revoked);
    });

    it('refuses a second refund, or a revocation after a refund, with CONFLICT', () => {
      spec.given([...purchased, ...refunded]).when(refund()).thenRejects('CONFLICT', /already refunded/);
      spec.given([...purchased, ...refunded]).when(revoke()).thenRejects('CONFLICT', /already refunded/);
      spec.given([...purchased, ...revoked]).when(refund()).thenRejects('CONFLICT', /already revoked/);
    });

    it('refuses to end a licence that does not exist', () => {
      spec.given([]).when(refund()).thenRejects('NOT_FOUND');
      spec.given([]).when(revoke()).thenRejects('NOT_FOUND');
    });

    it('refuses to end a licence without a reason', () => {
      spec.given(purchased).when(revoke('  ')).thenRejects('BAD_USER_INPUT', /reason/);
    });
  });
});
