import type { Facet } from '../facet-shape';
import { facetCountsOf, facetPipeline } from './mongo-facets';
import { matchFilter } from './mongo-search';

/** The MongoDB adapter cannot run here without a server; these pin down the facet aggregation and how its answer is read. */
describe('MongoDB facets', () => {
  const facets: Facet[] = [
    { kind: 'distinct', name: 'by.category', field: 'category', limit: 3, filter: [] },
    { kind: 'buckets', name: 'price', field: 'price', edges: [0, 10, 100], filter: [] },
    { kind: 'count', name: 'cheap', filter: [{ kind: 'range', field: 'price', bounds: [{ op: 'lte', value: 10 }] }] },
    { kind: 'count', name: 'total', filter: [] },
  ];

  it('matches once, then groups or counts each facet in its own $facet branch, after its own filter', () => {
    const match = matchFilter([{ kind: 'eq', field: 'tenantId', value: 't1' }], ['tabu']);
    expect(facetPipeline(match, facets)).toEqual([
      { $match: match },
      {
        $facet: {
          f0: [
            { $unwind: '$category' },
            { $match: { $expr: { $in: [{ $type: '$category' }, ['string', 'double', 'int', 'long', 'decimal', 'bool']] } } },
            { $group: { _id: '$category', count: { $sum: 1 } } },
            { $sort: { count: -1, _id: 1 } },
            { $limit: 3 },
          ],
          f1: [
            { $unwind: '$price' },
            { $match: { $expr: { $isNumber: '$price' } } },
            {
              $group: {
                _id: {
                  $switch: {
                    branches: [
                      { case: { $gte: ['$price', 100] }, then: 2 },
                      { case: { $gte: ['$price', 10] }, then: 1 },
                      { case: { $gte: ['$price', 0] }, then: 0 },
                    ],
                    default: null,
                  },
                },
                count: { $sum: 1 },
              },
            },
            { $match: { _id: { $ne: null } } },
          ],
          f2: [{ $match: { price: { $lte: 10 } } }, { $count: 'count' }],
          f3: [{ $count: 'count' }],
        },
      },
    ]);
  });

  it('reads the answer under the facet names, listing every bucket, a count as a number', () => {
    // `$count` yields nothing when nothing is left to count.
    const result = { f0: [{ _id: 'routing', count: 4 }, { _id: true, count: 1 }], f1: [{ _id: 2, count: 3 }], f2: [], f3: [{ count: 5 }] };
    expect(facetCountsOf(facets, result)).toEqual({
      'by.category': [
        { value: 'routing', count: 4 },
        { value: true, count: 1 },
      ],
      price: [
        { value: '0-10', count: 0, from: 0, to: 10 },
        { value: '10-100', count: 0, from: 10, to: 100 },
        { value: '100+', count: 3, from: 100, to: null },
      ],
      cheap: 0,
      total: 5,
    });
    expect(facetCountsOf(facets, undefined)['by.category']).toEqual([]);
    expect(facetCountsOf(facets, undefined).total).toBe(0);
  });
});
