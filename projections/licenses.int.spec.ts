import { LICENSES_COLLECTION } from '../schema/read-models/licensing';
import { describeProjection } from '../test/support/projection-spec';
import { licensesProjection } from './licenses';
import { purchaseOf } from './test-support/license-purchase';

const at = '2026-11-26T10:00:00.000Z';
const later = '2026-11-27T10:00:00.000Z';

describeProjection(licensesProjection, (spec) => {
  const first = purchaseOf('l1', 'buyer', at);
  const second = purchaseOf('l2', 'buyer', at);
  const { licenseId: _first, ...issued } = first.issued;
  const { licenseId: _second, ...issuedSecond } = second.issued;

  it('keeps a purchase as an active licence with its invoice', () =>
    spec.when(...first.bought).then({ [LICENSES_COLLECTION]: [{ id: 'l1', ...issued, status: 'ACTIVE', invoiceId: 'invoice-l1' }] }));

  it('ends a refunded licence and a revoked one, keeping both with when and why', () =>
    spec
      .given(...first.bought, ...second.bought)
      .when(...first.refunded(later), ...second.revoked(later))
      .then({
        [LICENSES_COLLECTION]: {
          l1: { id: 'l1', ...issued, status: 'REFUNDED', invoiceId: 'invoice-l1', endedAt: later, endReason: 'bought by mistake' },
          l2: { id: 'l2', ...issuedSecond, status: 'REVOKED', invoiceId: 'invoice-l2', endedAt: later, endReason: 'terms broken' },
        },
      }));
});
