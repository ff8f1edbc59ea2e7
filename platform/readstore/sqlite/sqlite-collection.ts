import type { CollectionSpec, FacetCounts, FacetQuery, FacetRequest, FindQuery, Page, ReadCollection, ReadDocument, SearchQuery, SortKey, TextQueryOptions } from '../port';
import { decodeCursor, encodeCursor, orderingOfSearch, orderingOfSort, orderingOfSortedSearch } from '../cursor';
import { noFacetCounts, normalizeFacets } from '../facet-shape';
import { InvalidReadQueryError } from '../invalid-read-query-error';
import { normalizeSort, normalizeWhere, pageSize, timeBudget } from '../query-shape';
import { searchTerms } from '../search-terms';
import { collectionTable, quoteIdentifier as q, textTable } from './sql-names';
import { facetCountsOf, facetsSql, type FacetRow } from './sql-facets';
import { conditionsSql, keysetSql, liveConditionsSql, matchExpression, orderBySql, sortExpressions, textMatchSql, whereSql, type SqlFragment, type SqlValue } from './sql-query';
import type { ReadCache } from './read-cache';
import { StatementBudget, type Clock } from './statement-budget';
import type { StatementCache } from './statement-cache';

/** Looks up a collection's declared spec; refreshes from the database when the caller may be stale. */
export interface SpecSource {
  spec(name: string, refresh: boolean): CollectionSpec | undefined;
}

/** What the collections of one store share. */
export interface SqliteReadContext {
  readonly statements: StatementCache;
  readonly answers: ReadCache;
  readonly specs: SpecSource;
  readonly clock: Clock;
}

interface RowWithKeys {
  readonly doc: string;
  readonly [key: `k${number}`]: string | number | null;
}

/** Reads of one collection. better-sqlite3 is synchronous; the promises keep the port's shape. */
export class SqliteCollection<T extends ReadDocument> implements ReadCollection<T> {
  private readonly statements: StatementCache;
  private readonly specs: SpecSource;

  constructor(
    private readonly name: string,
    private readonly context: SqliteReadContext,
  ) {
    this.statements = context.statements;
    this.specs = context.specs;
  }

  async get(id: string): Promise<T | undefined> {
    this.declaredSpec();
    const row = this.statements.get(`SELECT doc FROM ${this.table} WHERE id = ? AND doc IS NOT NULL`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  async find(query: FindQuery = {}): Promise<Page<T>> {
    const budget = this.budget(query.maxTimeMs);
    const shape = this.withSpec((indexed) => ({
      where: normalizeWhere(this.name, query.where, indexed),
      sort: normalizeSort(this.name, query.sort, indexed),
    }));
    const size = pageSize(query.first);
    return this.pageInOrder(liveConditionsSql(shape.where), shape.sort, orderingOfSort(shape.sort), query.after, size, budget);
  }

  async count(where?: FindQuery['where'], options: TextQueryOptions = {}): Promise<number> {
    const budget = this.budget(options.maxTimeMs);
    const conditions = this.withSpec((indexed) => normalizeWhere(this.name, where, indexed));
    const terms = options.text === undefined ? undefined : this.searchTermsOf(options.text);
    if (terms?.length === 0) return 0;
    const matching = whereSql(liveConditionsSql(conditions, terms && textMatchSql(this.name, terms, conditions.length > 0)));
    const [row] = this.rows(budget, `SELECT count(*) AS n FROM ${this.table} WHERE ${matching.sql}`, matching.params) as readonly { n: number }[];
    return row.n;
  }

  async search(text: string, query: SearchQuery = {}): Promise<Page<T>> {
    const budget = this.budget(query.maxTimeMs);
    const terms = this.searchTermsOf(text);
    const shape = this.withSpec((indexed) => ({
      where: normalizeWhere(this.name, query.where, indexed),
      sort: query.sort && query.sort.length > 0 ? normalizeSort(this.name, query.sort, indexed) : undefined,
    }));
    const size = pageSize(query.first);
    if (terms.length === 0) return { items: [], cursors: [], hasNextPage: false };
    if (!shape.sort) return this.bestMatchFirst(terms, conditionsSql(shape.where), query.after, size, budget);
    const fragments = liveConditionsSql(shape.where, textMatchSql(this.name, terms, shape.where.length > 0));
    return this.pageInOrder(fragments, shape.sort, orderingOfSortedSearch(terms, shape.sort), query.after, size, budget);
  }

  async facets<R extends FacetRequest>(request: R, query: FacetQuery = {}): Promise<FacetCounts<R>> {
    const budget = this.budget(query.maxTimeMs);
    const shape = this.withSpec((indexed) => ({
      facets: normalizeFacets(this.name, request, indexed),
      where: normalizeWhere(this.name, query.where, indexed),
    }));
    const terms = query.text === undefined ? undefined : this.searchTermsOf(query.text);
    if (terms?.length === 0 || shape.facets.length === 0) return noFacetCounts(shape.facets) as FacetCounts<R>;
    const fragments = [...conditionsSql(shape.where), ...(terms ? [textMatchSql(this.name, terms, shape.where.length > 0)] : [])];
    const sql = facetsSql(this.table, shape.facets, fragments.length > 0 ? whereSql(fragments) : undefined);
    return facetCountsOf(shape.facets, this.rows(budget, sql.sql, sql.params) as readonly FacetRow[]) as FacetCounts<R>;
  }

  /** One page of the rows matching `fragments` in the order of the sort keys, resuming after the cursor. */
  private pageInOrder(fragments: SqlFragment[], sort: readonly SortKey[], ordering: string, after: string | undefined, size: number, budget: StatementBudget): Page<T> {
    const keys = sortExpressions(sort);
    const all = after === undefined ? fragments : [...fragments, keysetSql(keys, decodeCursor(after, ordering, keys.length))];
    const where = whereSql(all);
    const selectKeys = keys.map((key, i) => `${key.expr} AS k${i}`).join(', ');
    const sql = `SELECT doc, ${selectKeys} FROM ${this.table} WHERE ${where.sql} ORDER BY ${orderBySql(keys)} LIMIT ?`;
    const rows = this.rows(budget, sql, [...where.params, size + 1]) as readonly RowWithKeys[];
    return toPage<T>(rows, size, (row) => encodeCursor(ordering, keys.map((_, i) => row[`k${i}`])));
  }

  /** Documents containing any of the words, best bm25 score first (FTS5 scores are lower for better matches), then by id. */
  private bestMatchFirst(terms: readonly string[], conditions: SqlFragment[], after: string | undefined, size: number, budget: StatementBudget): Page<T> {
    const ordering = orderingOfSearch(terms);
    const keys = [
      { expr: 'hits.score', direction: 'asc' as const },
      { expr: 'id', direction: 'asc' as const },
    ];
    const fragments = after === undefined ? conditions : [...conditions, keysetSql(keys, decodeCursor(after, ordering, keys.length))];
    const where = whereSql(fragments);
    const fts = q(textTable(this.name));
    // MATERIALIZED keeps bm25() inside the FTS query: it is only defined there, not in the outer filter.
    const sql = `WITH hits AS MATERIALIZED (SELECT rowid AS hit, bm25(${fts}) AS score FROM ${fts} WHERE ${fts} MATCH ?)
      SELECT doc, hits.score AS k0, id AS k1 FROM hits JOIN ${this.table} ON rid = hits.hit
      WHERE ${where.sql} ORDER BY ${orderBySql(keys)} LIMIT ?`;
    const rows = this.rows(budget, sql, [matchExpression(terms), ...where.params, size + 1]) as readonly RowWithKeys[];
    return toPage<T>(rows, size, (row) => encodeCursor(ordering, [row.k0, row.k1]));
  }

  /** The rows of a read statement, timed against the budget; repeated reads of an unchanged collection come from the cache. */
  private rows(budget: StatementBudget, sql: string, params: readonly SqlValue[]): readonly unknown[] {
    return budget.run(() => this.context.answers.rows(this.name, sql, params, () => this.statements.get(sql).all(...params)));
  }

  private get table(): string {
    return q(collectionTable(this.name));
  }

  /** Starts the query's clock; a spent or malformed budget is refused before any work. */
  private budget(maxTimeMs: number | undefined): StatementBudget {
    return new StatementBudget(timeBudget(maxTimeMs), this.context.clock);
  }

  /** The words to search for, once the collection is known to declare text fields. */
  private searchTermsOf(text: string): string[] {
    // A cached spec without text fields may predate another process declaring some: look again before refusing.
    if (!hasTextFields(this.declaredSpec())) {
      const fresh = this.specs.spec(this.name, true);
      if (!fresh || !hasTextFields(fresh)) throw new InvalidReadQueryError(`Collection ${this.name} declares no text fields to search`);
    }
    return searchTerms(text);
  }

  private declaredSpec(): CollectionSpec {
    const spec = this.specs.spec(this.name, false) ?? this.specs.spec(this.name, true);
    if (!spec) throw new InvalidReadQueryError(`Collection ${this.name} is not defined`);
    return spec;
  }

  /** Runs the check against the cached spec, and once more against a fresh one in case another process redefined the collection. */
  private withSpec<R>(check: (indexed: ReadonlySet<string>) => R): R {
    try {
      return check(new Set(this.declaredSpec().indexes));
    } catch (error) {
      if (!(error instanceof InvalidReadQueryError)) throw error;
      const fresh = this.specs.spec(this.name, true);
      if (!fresh) throw error;
      return check(new Set(fresh.indexes));
    }
  }
}

function hasTextFields(spec: CollectionSpec): boolean {
  return (spec.textFields ?? []).length > 0;
}

function toPage<T>(rows: readonly RowWithKeys[], size: number, cursorOf: (row: RowWithKeys) => string): Page<T> {
  const pageRows = rows.slice(0, size);
  const cursors = pageRows.map(cursorOf);
  return {
    items: pageRows.map((row) => JSON.parse(row.doc) as T),
    cursors,
    endCursor: cursors.at(-1),
    hasNextPage: rows.length > size,
  };
}
