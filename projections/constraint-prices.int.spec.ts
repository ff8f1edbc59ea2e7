import { constraintPriceStreamId, type ConstraintPriceMeasured } from '../schema/events';
import { CONSTRAINT_PRICES_COLLECTION } from '../schema/read-models/constraint-performance';
import { describeProjection, stream } from '../test/support/projection-spec';
import { constraintPricesProjection } from './constraint-prices';

const measured = (price: number, measuredAt: string): ConstraintPriceMeasured => ({
  type: 'ConstraintPriceMeasured',
  data: { constraintId: 'c1', problemId: 'p1', tenantId: 'acme', withConstraint: -7, withoutConstraint: -7 - price, price, objectiveSense: 'MAXIMIZE', shadowSolves: 5, shadowTimeLimitMs: 100, measuredAt },
});

describeProjection(constraintPricesProjection, (spec) => {
  const prices = stream<ConstraintPriceMeasured>(constraintPriceStreamId('c1'), 'acme');

  it('keeps the latest measured price of each constraint', () =>
    spec
      .given(prices(measured(5, '2026-12-03T10:00:00.000Z')))
      .when(prices(measured(4, '2026-12-03T11:00:00.000Z')))
      .then({ [CONSTRAINT_PRICES_COLLECTION]: [{ id: 'c1', ...measured(4, '2026-12-03T11:00:00.000Z').data }] }));
});
