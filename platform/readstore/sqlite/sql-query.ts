import type { Scalar, SortKey } from '../port';
import type { Condition, RangeBound } from '../query-shape';
import { fieldExpression, quoteIdentifier as q, textTable } from './sql-names';

/** A fragment of SQL with its parameters in order. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

export type SqlValue = string | number | null;

const RANGE_SQL: Record<RangeBound['op'], string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** json_extract yields 1/0 for JSON booleans, and better-sqlite3 cannot bind booleans, so they are compared as 1/0. */
export function toSqlValue(value: Scalar): SqlValue {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

export function conditionsSql(conditions: readonly Condition[]): SqlFragment[] {
  return conditions.map(conditionSql);
}

const LIVE: SqlFragment = { sql: 'doc IS NOT NULL', params: [] };

/**
 * The conditions on live documents. A tombstone's fields are all NULL, so a condition on a field
 * that NULL fails (not on `id`, which tombstones keep) or a text match (the text index holds live
 * documents only) already rules tombstones out: leaving `doc IS NOT NULL` out then lets SQLite
 * answer from the field's index without reading the rows.
 */
export function liveConditionsSql(conditions: readonly Condition[], textMatch?: SqlFragment): SqlFragment[] {
  const fragments = conditionsSql(conditions);
  if (textMatch) return [...fragments, textMatch];
  return conditions.some(rejectsTombstones) ? fragments : [LIVE, ...fragments];
}

function rejectsTombstones(condition: Condition): boolean {
  if (condition.field === 'id') return false;
  switch (condition.kind) {
    case 'eq':
      return condition.value !== null;
    case 'in':
      return !condition.values.includes(null);
    case 'range':
      return true;
  }
}

/**
 * Rows whose text fields contain any of the words. Beside conditions on indexed fields the matches
 * are only probed (`+rid` keeps them from driving the scan): otherwise SQLite may walk the matches
 * and parse each one's document to test the conditions (15 ms for 10,000 matches), where walking
 * a condition's index and probing the set of matches reads no document (2 ms).
 */
export function textMatchSql(collection: string, terms: readonly string[], besideConditions: boolean): SqlFragment {
  const fts = q(textTable(collection));
  return { sql: `${besideConditions ? '+rid' : 'rid'} IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`, params: [matchExpression(terms)] };
}

/** Each word becomes an FTS5 string (quotes doubled), joined by OR: no user text is ever read as FTS5 syntax. */
export function matchExpression(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' OR ');
}

function conditionSql(condition: Condition): SqlFragment {
  const expr = fieldExpression(condition.field);
  switch (condition.kind) {
    case 'eq':
      return condition.value === null ? { sql: `${expr} IS NULL`, params: [] } : { sql: `${expr} = ?`, params: [toSqlValue(condition.value)] };
    case 'in': {
      const present = condition.values.filter((value) => value !== null);
      const membership = present.length > 0 ? `${expr} IN (SELECT value FROM json_each(?))` : '0';
      const sql = condition.values.includes(null) ? `(${membership} OR ${expr} IS NULL)` : membership;
      return { sql, params: present.length > 0 ? [JSON.stringify(present)] : [] };
    }
    case 'range':
      return {
        sql: condition.bounds.map((bound) => `${expr} ${RANGE_SQL[bound.op]} ?`).join(' AND '),
        params: condition.bounds.map((bound) => toSqlValue(bound.value)),
      };
  }
}

/**
 * Rows strictly after the cursor row in the given order. SQLite orders NULL first, so NULL is the
 * smallest value: after a NULL ascending comes every non-NULL; descending, NULLs come last.
 */
export function keysetSql(keys: readonly { expr: string; direction: SortKey['direction'] }[], values: readonly Scalar[]): SqlFragment {
  const alternatives: string[] = [];
  const params: SqlValue[] = [];
  keys.forEach((key, i) => {
    const parts: string[] = [];
    const partParams: SqlValue[] = [];
    for (let j = 0; j < i; j++) {
      parts.push(`${keys[j].expr} IS ?`);
      partParams.push(toSqlValue(values[j]));
    }
    const after = afterSql(key.expr, key.direction, values[i]);
    if (after === undefined) return;
    parts.push(after.sql);
    partParams.push(...after.params);
    alternatives.push(`(${parts.join(' AND ')})`);
    params.push(...partParams);
  });
  if (alternatives.length === 0) return { sql: '0', params: [] };
  const keyset = `(${alternatives.join(' OR ')})`;
  // Implied by the keyset, but a plain range lets SQLite seek the index instead of scanning it from the start.
  if (keys[0].direction === 'asc' && values[0] !== null) {
    return { sql: `${keys[0].expr} >= ? AND ${keyset}`, params: [toSqlValue(values[0]), ...params] };
  }
  return { sql: keyset, params };
}

function afterSql(expr: string, direction: SortKey['direction'], value: Scalar): SqlFragment | undefined {
  if (direction === 'asc') {
    return value === null ? { sql: `${expr} IS NOT NULL`, params: [] } : { sql: `${expr} > ?`, params: [toSqlValue(value)] };
  }
  return value === null ? undefined : { sql: `(${expr} < ? OR ${expr} IS NULL)`, params: [toSqlValue(value)] };
}

export function sortExpressions(keys: readonly SortKey[]): { expr: string; direction: SortKey['direction'] }[] {
  return keys.map((key) => ({ expr: fieldExpression(key.field), direction: key.direction }));
}

export function orderBySql(keys: readonly { expr: string; direction: SortKey['direction'] }[]): string {
  return keys.map((key) => `${key.expr} ${key.direction === 'asc' ? 'ASC' : 'DESC'}`).join(', ');
}

export function whereSql(fragments: readonly SqlFragment[]): SqlFragment {
  if (fragments.length === 0) return { sql: '1', params: [] };
  return { sql: fragments.map((fragment) => fragment.sql).join(' AND '), params: fragments.flatMap((fragment) => fragment.params) };
}
