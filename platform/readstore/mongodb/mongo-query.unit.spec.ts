import { keysetFilter, conditionFilters, sortSpec, mongoSortKeys } from './mongo-query';

/** The MongoDB adapter cannot run here without a server; these pin down its query translation. */
describe('MongoDB query translation', () => {
  it('translates equality, membership and ranges, with id as _id', () => {
    expect(
      conditionFilters([
        { kind: 'eq', field: 'id', value: 'a' },
        { kind: 'in', field: 'state', values: ['queued', null] },
        { kind: 'range', field: 'rating', bounds: [{ op: 'gte', value: 1 }, { op: 'lt', value: 3 }] },
      ]),
    ).toEqual([{ _id: 'a' }, { state: { $in: ['queued', null] } }, { rating: { $gte: 1, $lt: 3 } }]);
  });

  it('sorts with the id tie-breaker in key order', () => {
    const keys = mongoSortKeys([{ field: 'rating', direction: 'desc' }, { field: 'id', direction: 'asc' }]);
    expect(Object.entries(sortSpec(keys))).toEqual([['rating', -1], ['_id', 1]]);
  });

  it('continues after a cursor: ascending past null takes every non-null, descending includes the nulls that come last', () => {
    const asc = mongoSortKeys([{ field: 'rating', direction: 'asc' }, { field: 'id', direction: 'asc' }]);
    expect(keysetFilter(asc, [null, 'l7'])).toEqual({
      $or: [{ rating: { $ne: null } }, { $and: [{ rating: null }, { _id: { $gt: 'l7' } }] }],
    });
    const desc = mongoSortKeys([{ field: 'rating', direction: 'desc' }, { field: 'id', direction: 'asc' }]);
    expect(keysetFilter(desc, [2, 'l7'])).toEqual({
      $or: [{ $or: [{ rating: { $lt: 2 } }, { rating: null }] }, { $and: [{ rating: 2 }, { _id: { $gt: 'l7' } }] }],
    });
    expect(keysetFilter(desc, [null, 'l7'])).toEqual({ $or: [{ $and: [{ rating: null }, { _id: { $gt: 'l7' } }] }] });
  });
});
