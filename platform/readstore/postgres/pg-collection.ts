import type { Pool } from 'pg';
import type { FacetCounts, FacetQuery, FacetRequest, FindQuery, Page, ReadCollection, ReadDocument, Scalar, SearchQuery, SortKey, TextQueryOptions } from '../port';
import { decodeCursor, encodeCursor, orderingOfSearch, orderingOfSort, orderingOfSortedSearch } from '../cursor';
import { DeclaredSpec, type AsyncSpecSource } from '../declared-spec';
import { noFacetCounts, normalizeFacets } from '../facet-shape';
import { normalizeSort, normalizeWhere, pageSize, timeBudget, type Condition } from '../query-shape';
import { readRows } from './pg-budget';
import { facetCountsOf, facetsSql, type FacetRow } from './pg-facets';
import { collectionTable, qualified } from './pg-names';
import { LIVE, allOf, conditionsSql, keysetSql, orderBySql, orderKeys, type OrderKey, type SqlFragment } from './pg-query';
import { textMatchSql, textQuery, anyOf } from './pg-text';

/** What the collections of one store share. */
export interface PostgresReadContext {
  readonly pool: Pool;
  readonly schema: string;
  readonly specs: AsyncSpecSource;
}

interface RowWithKeys {
  readonly doc: ReadDocument;
  readonly [key: `k${number}`]: Scalar;
}

/** The best-match order: text rank descending, then id. */
const BEST_MATCH_KEYS: readonly OrderKey[] = [
  { expr: 'rank', direction: 'desc', type: 'real' },
  { expr: 'id', direction: 'asc', type: 'text' },
];

/** Reads of one collection; tombstones are never returned. */
export class PostgresCollection<T extends ReadDocument> implements ReadCollection<T> {
  private readonly declared: DeclaredSpec;

  constructor(
    private readonly name: string,
    private readonly context: PostgresReadContext,
  ) {
    this.declared = new DeclaredSpec(name, context.specs);
  }

  async get(id: string): Promise<T | undefined> {
    await this.declared.spec();
    const [row] = await this.rows<{ doc: T }>({ sql: `SELECT doc FROM ${this.table} WHERE id = ? AND ${LIVE.sql}`, params: [id] }, undefined);
    return row?.doc;
  }

  async find(query: FindQuery = {}): Promise<Page<T>> {
    const budget = timeBudget(query.maxTimeMs);
    const shape = await this.declared.check((indexed) => ({
      where: normalizeWhere(this.name, query.where, indexed),
      sort: normalizeSort(this.name, query.sort, indexed),
    }));
    return this.pageInOrder(matchSql(shape.where), shape.sort, orderingOfSort(shape.sort), query.after, pageSize(query.first), budget);
  }

  async count(where?: FindQuery['where'], options: TextQueryOptions = {}): Promise<number> {
    const budget = timeBudget(options.maxTimeMs);
    const conditions = await this.declared.check((indexed) => normalizeWhere(this.name, where, indexed));
    const terms = options.text === undefined ? undefined : await this.declared.searchTerms(options.text);
    if (terms?.length === 0) return 0;
    const match = matchSql(conditions, terms);
    const [row] = await this.rows<{ n: string }>({ sql: `SELECT count(*) AS n FROM ${this.table} WHERE ${match.sql}`, params: match.params }, budget);
    return Number(row.n);
  }

  async search(text: string, query: SearchQuery = {}): Promise<Page<T>> {
    const budget = timeBudget(query.maxTimeMs);
    const terms = await this.declared.searchTerms(text);
    const shape = await this.declared.check((indexed) => ({
      where: normalizeWhere(this.name, query.where, indexed),
      sort: query.sort && query.sort.length > 0 ? normalizeSort(this.name, query.sort, indexed) : undefined,
    }));
    const size = pageSize(query.first);
    if (terms.length === 0) return { items: [], cursors: [], hasNextPage: false };
    if (shape.sort) return this.pageInOrder(matchSql(shape.where, terms), shape.sort, orderingOfSortedSearch(terms, shape.sort), query.after, size, budget);
    return this.bestMatchFirst(terms, shape.where, query.after, size, budget);
  }

  async facets<R extends FacetRequest>(request: R, query: FacetQuery = {}): Promise<FacetCounts<R>> {
    const budget = timeBudget(query.maxTimeMs);
    const shape = await this.declared.check((indexed) => ({
      facets: normalizeFacets(this.name, request, indexed),
      where: normalizeWhere(this.name, query.where, indexed),
    }));
    const terms = query.text === undefined ? undefined : await this.declared.searchTerms(query.text);
    if (terms?.length === 0 || shape.facets.length === 0) return noFacetCounts(shape.facets) as FacetCounts<R>;
    const rows = await this.rows<FacetRow>(facetsSql(this.table, shape.facets, matchSql(shape.where, terms)), budget);
    return facetCountsOf(shape.facets, rows) as FacetCounts<R>;
  }

  /** One page of the documents matching in the order of the sort keys, resuming after the cursor. */
  private async pageInOrder(match: SqlFragment, sort: readonly SortKey[], ordering: string, after: string | undefined, size: number, budget: number | undefined): Promise<Page<T>> {
    const keys = orderKeys(sort);
    const where = after === undefined ? match : allOf([match, keysetSql(keys, decodeCursor(after, ordering, keys.length))]);
    const selectKeys = keys.map((key, i) => `${key.expr} AS k${i}`).join(', ');
    const rows = await this.rows<RowWithKeys>(
      { sql: `SELECT doc, ${selectKeys} FROM ${this.table} WHERE ${where.sql} ORDER BY ${orderBySql(keys)} LIMIT ?`, params: [...where.params, size + 1] },
      budget,
    );
    return toPage<T>(rows, size, (row) => encodeCursor(ordering, keys.map((_, i) => row[`k${i}`])));
  }

  /** Documents containing any of the words, best rank first (ts_rank, its score divided by 1 + the log of the document's length), then by id. */
  private async bestMatchFirst(terms: readonly string[], conditions: readonly Condition[], after: string | undefined, size: number, budget: number | undefined): Promise<Page<T>> {
    const ordering = orderingOfSearch(terms);
    const match = allOf([LIVE, ...conditionsSql(conditions), { sql: 'words @@ query', params: [] }]);
    const keyset = after === undefined ? { sql: 'TRUE', params: [] } : keysetSql(BEST_MATCH_KEYS, decodeCursor(after, ordering, BEST_MATCH_KEYS.length));
    const rows = await this.rows<RowWithKeys>(
      {
        sql: `SELECT doc, rank AS k0, id AS k1 FROM (
            SELECT doc, id, ts_rank(words, query, 1) AS rank FROM ${this.table}, ${textQuery('?')} AS query WHERE ${match.sql}
          ) AS hits WHERE ${keyset.sql} ORDER BY ${orderBySql(BEST_MATCH_KEYS)} LIMIT ?`,
        params: [anyOf(terms), ...match.params, ...keyset.params, size + 1],
      },
      budget,
    );
    return toPage<T>(rows, size, (row) => encodeCursor(ordering, [row.k0, row.k1]));
  }

  private rows<R>(statement: SqlFragment, budget: number | undefined): Promise<R[]> {
    return readRows<R>(this.context.pool, statement, budget);
  }

  private get table(): string {
    return qualified(this.context.schema, collectionTable(this.name));
  }
}

/** Live documents meeting the conditions and, given search terms, holding any of them. */
function matchSql(conditions: readonly Condition[], terms?: readonly string[]): SqlFragment {
  return allOf([LIVE, ...conditionsSql(conditions), ...(terms ? [textMatchSql(terms)] : [])]);
}

function toPage<T>(rows: readonly RowWithKeys[], size: number, cursorOf: (row: RowWithKeys) => string): Page<T> {
  const pageRows = rows.slice(0, size);
  const cursors = pageRows.map(cursorOf);
  return { items: pageRows.map((row) => row.doc as unknown as T), cursors, endCursor: cursors.at(-1), hasNextPage: rows.length > size };
}
