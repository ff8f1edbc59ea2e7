import { mongoSortKeys } from './mongo-query';
import { bestMatchPipeline, matchFilter, sortedSearchPipeline } from './mongo-search';

/** The MongoDB adapter cannot run here without a server; these pin down the filters and pipelines it sends. */
describe('MongoDB text matching', () => {
  it('matches live documents on the conditions, and on the words with $text at the top level when given', () => {
    const conditions = [{ kind: 'eq' as const, field: 'tenantId', value: 't1' }];
    expect(matchFilter(conditions)).toEqual({ $and: [{ _deleted: { $ne: true } }, { tenantId: 't1' }] });
    expect(matchFilter(conditions, ['tabu', 'qubo'])).toEqual({ $text: { $search: 'tabu qubo' }, $and: [{ _deleted: { $ne: true } }, { tenantId: 't1' }] });
    expect(matchFilter([], ['tabu'])).toEqual({ $text: { $search: 'tabu' }, _deleted: { $ne: true } });
  });
});

describe('MongoDB search pipelines', () => {
  const match = matchFilter([], ['tabu']);

  it('orders by text score, then id, resuming after the cursor', () => {
    expect(bestMatchPipeline(match, [1.5, 'd03'], 5)).toEqual([
      { $match: match },
      { $addFields: { _score: { $meta: 'textScore' } } },
      { $match: { $or: [{ $or: [{ _score: { $lt: 1.5 } }, { _score: null }] }, { $and: [{ _score: 1.5 }, { _id: { $gt: 'd03' } }] }] } },
      { $sort: { _score: -1, _id: 1 } },
      { $limit: 5 },
    ]);
  });

  it('orders a sorted search by its keys without scoring, the text match first so $text can use its index', () => {
    const keys = mongoSortKeys([
      { field: 'price', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ]);
    const first = sortedSearchPipeline(match, keys, undefined, 5);
    expect(first).toEqual([{ $match: match }, { $sort: { price: 1, _id: 1 } }, { $limit: 5 }]);
    expect(Object.keys(first[1].$sort)).toEqual(['price', '_id']);

    expect(sortedSearchPipeline(match, keys, [40, 'd10'], 5)).toEqual([
      { $match: match },
      { $match: { $or: [{ price: { $gt: 40 } }, { $and: [{ price: 40 }, { _id: { $gt: 'd10' } }] }] } },
      { $sort: { price: 1, _id: 1 } },
      { $limit: 5 },
    ]);
  });
});
