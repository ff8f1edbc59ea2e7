import type { FacetCount, Scalar } from '../port';
import { bucketCounts, type Facet } from '../facet-shape';
import { fieldExpression } from './sql-names';
import type { SqlFragment } from './sql-query';

/**
 * One facet as one statement, grouped in SQL. The grouping walks the field's expression index
 * (value, id) without reading a row or parsing a document: the non-NULL values are live documents
 * (a tombstone's fields are NULL) and the documents matching the query are a set of rowids built
 * from the other indexes and the text index. `+rid` keeps SQLite on that walk instead of looking
 * up the matches one by one and parsing each.
 *
 * The index holds what json_extract returns: an array as its JSON text, `true` as 1. So the type
 * of each group that could be something else (a text, 0 or 1) is read from one sample document,
 * and arrays are opened with json_each to count each element; any other number is one already,
 * which spares a price facet a document read per distinct price. Values that SQL cannot tell apart
 * (true and 1, a string spelling a JSON array and that array) count under the type of the sample.
 */
export function facetSql(table: string, facet: Facet, matched: SqlFragment | undefined): SqlFragment {
  const expr = fieldExpression(facet.field);
  const matching = matched ? `AND +rid IN (SELECT rid FROM ${table} WHERE ${matched.sql})` : '';
  const elements = `WITH grouped AS (
      SELECT ${expr} AS value, count(*) AS n, min(rid) AS sample FROM ${table} WHERE ${expr} IS NOT NULL ${matching} GROUP BY value
    ), typed AS (
      SELECT value, n, CASE WHEN typeof(value) IN ('integer', 'real') AND value NOT IN (0, 1) THEN typeof(value)
        ELSE (SELECT json_type(doc, '$.${facet.field}') FROM ${table} WHERE rid = grouped.sample) END AS type FROM grouped
    ), elements AS (
      SELECT element.value AS value, element.type AS type, typed.n AS n FROM typed, json_each(typed.value) AS element WHERE typed.type = 'array'
      UNION ALL SELECT value, type, n FROM typed WHERE type <> 'array'
    )`;
  const params = matched?.params ?? [];
  if (facet.kind === 'distinct') {
    return {
      sql: `${elements} SELECT value, type, sum(n) AS n FROM elements WHERE type IN ('text', 'integer', 'real', 'true', 'false')
        GROUP BY type IN ('true', 'false'), value ORDER BY n DESC, value ASC LIMIT ?`,
      params: [...params, facet.limit],
    };
  }
  // Highest edge first, so each value lands in the last bucket whose lower edge it reaches.
  const branches = facet.edges.map((_, i) => i).reverse();
  return {
    sql: `${elements} SELECT CASE ${branches.map((i) => `WHEN value >= ? THEN ${i}`).join(' ')} END AS bucket, sum(n) AS n
      FROM elements WHERE type IN ('integer', 'real') GROUP BY bucket HAVING bucket IS NOT NULL`,
    params: [...params, ...branches.map((i) => facet.edges[i])],
  };
}

export interface DistinctRow {
  readonly value: string | number;
  readonly type: string;
  readonly n: number;
}

export interface BucketRow {
  readonly bucket: number;
  readonly n: number;
}

export function distinctCounts(rows: readonly DistinctRow[]): FacetCount[] {
  return rows.map((row) => ({ value: scalarOf(row), count: row.n }));
}

export function bucketRowsCounts(edges: readonly number[], rows: readonly BucketRow[]): FacetCount[] {
  return bucketCounts(edges, new Map(rows.map((row) => [row.bucket, row.n])));
}

/** json_each and json_extract yield 1/0 for JSON booleans; their type says which they were. */
function scalarOf(row: DistinctRow): Scalar {
  if (row.type === 'true') return true;
  if (row.type === 'false') return false;
  return row.value;
}
