import { ALGORITHM_SALES_COLLECTION } from '../schema/read-models/licensing';
import { describeProjection } from '../test/support/projection-spec';
import { algorithmSalesProjection } from './algorithm-sales';
import { purchaseOf } from './test-support/license-purchase';

const at = '2026-11-26T10:00:00.000Z';
const later = '2026-11-27T10:00:00.000Z';

describeProjection(algorithmSalesProjection, (spec) => {
  const first = purchaseOf('l1', 'buyer', at);
  const second = purchaseOf('l2', 'another-buyer', at);
  const sales = (figures: { sold: number; refunded: number; revenue: number }) => ({ id: 'a1:COMMERCIAL:EUR', tenantId: 'author', algorithmId: 'a1', licenseType: 'COMMERCIAL', currency: 'EUR', ...figures });

  it("counts each licence sold under its type, in the author's tenant, without its buyer", () =>
    spec.when(...first.bought, ...second.bought).then({ [ALGORITHM_SALES_COLLECTION]: [sales({ sold: 2, refunded: 0, revenue: 500 })] }));

  it('takes a refund off the revenue and counts it; a revocation keeps the revenue', () =>
    spec
      .given(...first.bought, ...second.bought)
      .when(...first.refunded(later), ...second.revoked(later))
      .then({ [ALGORITHM_SALES_COLLECTION]: [sales({ sold: 2, refunded: 1, revenue: 250 })] }));
});
