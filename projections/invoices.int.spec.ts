import { INVOICES_COLLECTION } from '../schema/read-models/licensing';
import { describeProjection } from '../test/support/projection-spec';
import { invoicesProjection } from './invoices';
import { purchaseOf } from './test-support/license-purchase';

const at = '2026-11-26T10:00:00.000Z';
const later = '2026-11-27T10:00:00.000Z';

describeProjection(invoicesProjection, (spec) => {
  const purchase = purchaseOf('l1', 'buyer', at);
  const { invoiceId: _id, ...invoice } = purchase.invoice;

  it('keeps the invoice of a purchase as issued', () =>
    spec.when(...purchase.bought).then({ [INVOICES_COLLECTION]: [{ id: 'invoice-l1', ...invoice, status: 'ISSUED' }] }));

  it('credits the invoice of a refunded licence with its credit note', () =>
    spec
      .given(...purchase.bought)
      .when(...purchase.refunded(later))
      .then({ [INVOICES_COLLECTION]: [{ id: 'invoice-l1', ...invoice, status: 'CREDITED', creditNoteId: 'credit-l1', creditedAt: later }] }));

  it('leaves the invoice of a revoked licence standing: revocation refunds nothing', () =>
    spec
      .given(...purchase.bought)
      .when(...purchase.revoked(later))
      .then({ [INVOICES_COLLECTION]: [{ id: 'invoice-l1', ...invoice, status: 'ISSUED' }] }));
});
