import type { FacetCounts, Scalar } from '../port';
import { bucketCounts, type Facet } from '../facet-shape';
import type { Condition } from '../query-shape';
import { fieldValue, type RootValue } from './pg-names';
import { allOf, conditionsSql, type SqlFragment } from './pg-query';

/**
 * Every facet of a request as one statement, as on SQLite: the documents matching the query are
 * found once (one text match, one walk of the conditions) into `matched`, each distinct facet filter
 * narrows that set once more, and each facet is a branch of a UNION ALL over its set, answered as
 * rows tagged with the facet's index. `matched` holds of each document only the top-level fields
 * the facets and their filters read, each in a column of its own (`v0`, `v1`…): reading a field
 * out of a whole document again in every branch cost twice the time over 10,000 matches, and
 * building a smaller document of them as much again.
 */
export function facetsSql(table: string, facets: readonly Facet[], match: SqlFragment): SqlFragment {
  const roots = rootsRead(facets);
  const column: RootValue = (root) => `v${roots.indexOf(root)}`;
  const columns = roots.map((root, i) => `, ${fieldValue(root)} AS v${i}`).join('');
  const sets = [`matched AS MATERIALIZED (SELECT id${columns} FROM ${table} WHERE ${match.sql})`];
  const params: unknown[] = [...match.params];
  // One set per distinct filter, shared by the facets that have it.
  const setOfFilter = new Map<string, string>();
  const setOf = (filter: readonly Condition[]): string => {
    if (filter.length === 0) return 'matched';
    const key = JSON.stringify(filter);
    let name = setOfFilter.get(key);
    if (!name) {
      name = `filtered${setOfFilter.size}`;
      setOfFilter.set(key, name);
      const where = allOf(conditionsSql(filter, column));
      sets.push(`${name} AS MATERIALIZED (SELECT * FROM matched WHERE ${where.sql})`);
      params.push(...where.params);
    }
    return name;
  };
  const branches = facets.map((facet, i) => facetSql(i, facet, setOf(facet.filter), column));
  for (const branch of branches) params.push(...branch.params);
  return { sql: `WITH ${sets.join(', ')} ${branches.map((branch) => branch.sql).join(' UNION ALL ')}`, params };
}

/** The top-level fields that the facets and their filters read (`id` is a column already). */
function rootsRead(facets: readonly Facet[]): string[] {
  const fields = facets.flatMap((facet) => [...('field' in facet ? [facet.field] : []), ...facet.filter.map((condition) => condition.field)]);
  return [...new Set(fields.filter((field) => field !== 'id').map((field) => field.split('.')[0]))];
}

/**
 * One facet's branch. Each element of an array value counts, and a single value as itself: the
 * values of the set, then the elements of its arrays (the CASE keeps jsonb_array_elements off a
 * scalar whatever order PostgreSQL evaluates conditions in). A value counts as a string, number or
 * boolean only, as jsonb tells them apart: `true` is never the number 1 here.
 */
function facetSql(index: number, facet: Facet, set: string, column: RootValue): SqlFragment {
  if (facet.kind === 'count') return { sql: `SELECT ${index} AS facet, NULL::jsonb AS value, count(*)::int AS n FROM ${set}`, params: [] };
  const value = fieldValue(facet.field, column);
  const values = `(SELECT ${value} AS value FROM ${set}
    UNION ALL SELECT element.value FROM ${set}, jsonb_array_elements(CASE WHEN jsonb_typeof(${value}) = 'array' THEN ${value} END) AS element(value) WHERE jsonb_typeof(${value}) = 'array') AS value${index}`;
  if (facet.kind === 'distinct') {
    return {
      sql: `SELECT * FROM (SELECT ${index} AS facet, value, count(*)::int AS n FROM ${values}
        WHERE jsonb_typeof(value) IN ('string', 'number', 'boolean') GROUP BY value ORDER BY count(*) DESC, value ASC LIMIT ?) AS facet${index}`,
      params: [facet.limit],
    };
  }
  // width_bucket counts the edges at or below the value: 0 below the first edge. The CASE casts numbers only.
  return {
    sql: `SELECT ${index} AS facet, to_jsonb(bucket) AS value, count(*)::int AS n FROM (
        SELECT width_bucket(CASE WHEN jsonb_typeof(value) = 'number' THEN value::numeric END, ?::numeric[]) - 1 AS bucket FROM ${values}
      ) AS facet${index} WHERE bucket >= 0 GROUP BY bucket`,
    params: [facet.edges],
  };
}

/** A row of the facets statement: a value or bucket index of facet number `facet`, or its count. */
export interface FacetRow {
  readonly facet: number;
  readonly value: Scalar;
  readonly n: number;
}

/** The answer under the facets' names, from the rows of facetsSql. */
export function facetCountsOf(facets: readonly Facet[], rows: readonly FacetRow[]): FacetCounts {
  return Object.fromEntries(
    facets.map((facet, i) => {
      const own = rows.filter((row) => row.facet === i);
      if (facet.kind === 'count') return [facet.name, own[0]?.n ?? 0];
      if (facet.kind === 'buckets') return [facet.name, bucketCounts(facet.edges, new Map(own.map((row) => [row.value as number, row.n])))];
      return [facet.name, own.map((row) => ({ value: row.value, count: row.n }))];
    }),
  );
}
