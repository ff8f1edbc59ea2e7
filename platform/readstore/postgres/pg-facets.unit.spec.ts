import type { Facet } from '../facet-shape';
import { facetCountsOf, facetsSql } from './pg-facets';

describe('PostgreSQL facets', () => {
  const facets: Facet[] = [
    { kind: 'distinct', name: 'by.category', field: 'category', limit: 3, filter: [] },
    { kind: 'buckets', name: 'price', field: 'price', edges: [0, 10, 100], filter: [{ kind: 'eq', field: 'tenantId', value: 't1' }] },
    { kind: 'count', name: 'cheap', filter: [{ kind: 'range', field: 'price', bounds: [{ op: 'lte', value: 10 }] }] },
    { kind: 'count', name: 'also cheap', filter: [{ kind: 'range', field: 'price', bounds: [{ op: 'lte', value: 10 }] }] },
    { kind: 'count', name: 'total', filter: [] },
  ];

  it('matches once, narrows once per distinct filter, and answers every facet in one statement with its parameters in order', () => {
    const { sql, params } = facetsSql('"s"."rm_listings"', facets, { sql: 'doc IS NOT NULL AND words @@ q(?)', params: ["'tabu'"] });
    // the match keeps only the fields the facets and filters read, each in a column
    expect(sql).toContain(`matched AS MATERIALIZED (SELECT id, doc->'category' AS v0, doc->'price' AS v1, doc->'tenantId' AS v2 FROM "s"."rm_listings" WHERE doc IS NOT NULL AND words @@ q(?))`);
    // and the filters and facets read those columns, not the documents
    expect(sql).toContain(`filtered0 AS MATERIALIZED (SELECT * FROM matched WHERE (CASE WHEN jsonb_typeof(v2) IN ('string', 'number', 'boolean') THEN v2 END) = ?::jsonb)`);
    expect(sql).not.toMatch(/FROM (matched|filtered\d)[^)]*doc->/);
    expect(sql.match(/filtered\d AS MATERIALIZED/g)).toEqual(['filtered0 AS MATERIALIZED', 'filtered1 AS MATERIALIZED']);
    expect(sql.match(/SELECT \d AS facet/g)).toEqual(['SELECT 0 AS facet', 'SELECT 1 AS facet', 'SELECT 2 AS facet', 'SELECT 3 AS facet', 'SELECT 4 AS facet']);
    expect(sql.match(/\?/g)).toHaveLength(params.length);
    expect(params).toEqual(["'tabu'", '"t1"', '10', 'number', 3, [0, 10, 100]]);
  });

  it('reads the answer under the facet names, listing every bucket, a count as a number', () => {
    const rows = [
      { facet: 0, value: 'routing', n: 4 },
      { facet: 0, value: true, n: 1 },
      { facet: 1, value: 2, n: 3 },
      { facet: 2, value: null, n: 0 },
      { facet: 4, value: null, n: 5 },
    ];
    expect(facetCountsOf(facets, rows)).toEqual({
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
      'also cheap': 0,
      total: 5,
    });
  });
});
