import type { Scalar, SortKey } from '../port';
import type { Condition, RangeBound } from '../query-shape';
import { fieldExpression } from './sql-names';

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
  const all = [{ sql: 'doc IS NOT NULL', params: [] }, ...fragments];
  return { sql: all.map((fragment) => fragment.sql).join(' AND '), params: all.flatMap((fragment) => fragment.params) };
}
