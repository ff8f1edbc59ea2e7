import type { CollectionSpec, FindQuery, Page, ReadCollection, ReadDocument } from '../port';
import { decodeCursor, encodeCursor, orderingOfSearch, orderingOfSort } from '../cursor';
import { InvalidReadQueryError } from '../invalid-read-query-error';
import { normalizeSort, normalizeWhere, pageSize } from '../query-shape';
import { searchTerms } from '../search-terms';
import { collectionTable, quoteIdentifier as q, textTable } from './sql-names';
import { conditionsSql, keysetSql, orderBySql, sortExpressions, whereSql, type SqlFragment } from './sql-query';
import type { StatementCache } from './statement-cache';

/** Looks up a collection's declared spec; refreshes from the database when the caller may be stale. */
export interface SpecSource {
  spec(name: string, refresh: boolean): CollectionSpec | undefined;
}

interface RowWithKeys {
  readonly doc: string;
  readonly [key: `k${number}`]: string | number | null;
}

/** Reads of one collection. better-sqlite3 is synchronous; the promises keep the port's shape. */
export class SqliteCollection<T extends ReadDocument> implements ReadCollection<T> {
  constructor(
    private readonly name: string,
    private readonly statements: StatementCache,
    private readonly specs: SpecSource,
  ) {}

  async get(id: string): Promise<T | undefined> {
    this.declaredSpec();
    const row = this.statements.get(`SELECT doc FROM ${this.table} WHERE id = ? AND doc IS NOT NULL`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  async find(query: FindQuery = {}): Promise<Page<T>> {
    const conditions = this.withSpec((indexed) => ({
      where: normalizeWhere(this.name, query.where, indexed),
      sort: normalizeSort(this.name, query.sort, indexed),
    }));
    const size = pageSize(query.first);
    const keys = sortExpressions(conditions.sort);
    const ordering = orderingOfSort(conditions.sort);
    const fragments: SqlFragment[] = conditionsSql(conditions.where);
    if (query.after !== undefined) fragments.push(keysetSql(keys, decodeCursor(query.after, ordering, keys.length)));
    const where = whereSql(fragments);
    const selectKeys = keys.map((key, i) => `${key.expr} AS k${i}`).join(', ');
    const sql = `SELECT doc, ${selectKeys} FROM ${this.table} WHERE ${where.sql} ORDER BY ${orderBySql(keys)} LIMIT ?`;
    const rows = this.statements.get(sql).all(...where.params, size + 1) as RowWithKeys[];
    return toPage<T>(rows, size, (row) => encodeCursor(ordering, keys.map((_, i) => row[`k${i}`])));
  }

  async count(where?: FindQuery['where']): Promise<number> {
    const conditions = this.withSpec((indexed) => normalizeWhere(this.name, where, indexed));
    const sql = whereSql(conditionsSql(conditions));
    const row = this.statements.get(`SELECT count(*) AS n FROM ${this.table} WHERE ${sql.sql}`).get(...sql.params) as { n: number };
    return row.n;
  }

  /** Documents containing any of the words, best bm25 score first (FTS5 scores are lower for better matches), then by id. */
  async search(text: string, query: Pick<FindQuery, 'where' | 'first' | 'after'> = {}): Promise<Page<T>> {
    // A cached spec without text fields may predate another process declaring some: look again before refusing.
    const cached = this.declaredSpec();
    const spec = hasTextFields(cached) ? cached : this.specs.spec(this.name, true);
    if (!spec || !hasTextFields(spec)) throw new InvalidReadQueryError(`Collection ${this.name} declares no text fields to search`);
    const conditions = this.withSpec((indexed) => normalizeWhere(this.name, query.where, indexed));
    const size = pageSize(query.first);
    const terms = searchTerms(text);
    if (terms.length === 0) return { items: [], cursors: [], hasNextPage: false };

    const ordering = orderingOfSearch(terms);
    const keys = [
      { expr: 'hits.score', direction: 'asc' as const },
      { expr: 'id', direction: 'asc' as const },
    ];
    const fragments: SqlFragment[] = conditionsSql(conditions);
    if (query.after !== undefined) fragments.push(keysetSql(keys, decodeCursor(query.after, ordering, keys.length)));
    const where = whereSql(fragments);
    const fts = q(textTable(this.name));
    // MATERIALIZED keeps bm25() inside the FTS query: it is only defined there, not in the outer filter.
    const sql = `WITH hits AS MATERIALIZED (SELECT rowid AS hit, bm25(${fts}) AS score FROM ${fts} WHERE ${fts} MATCH ?)
      SELECT doc, hits.score AS k0, id AS k1 FROM hits JOIN ${this.table} ON rid = hits.hit
      WHERE ${where.sql} ORDER BY ${orderBySql(keys)} LIMIT ?`;
    const rows = this.statements.get(sql).all(matchExpression(terms), ...where.params, size + 1) as RowWithKeys[];
    return toPage<T>(rows, size, (row) => encodeCursor(ordering, [row.k0, row.k1]));
  }

  private get table(): string {
    return q(collectionTable(this.name));
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

/** Each word becomes an FTS5 string (quotes doubled), joined by OR: no user text is ever read as FTS5 syntax. */
function matchExpression(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' OR ');
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
