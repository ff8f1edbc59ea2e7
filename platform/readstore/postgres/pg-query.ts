import type { Scalar, SortKey } from '../port';
import type { Condition, RangeBound } from '../query-shape';
import { fieldKey, inDocument, type RootValue } from './pg-names';

/**
 * Translates checked query shapes into PostgreSQL. Fragments are written with `?` placeholders so
 * they compose in any order, as on SQLite; `numbered` turns them into $1, $2… once the statement is
 * assembled (no other `?` occurs in this SQL: jsonb's `?` operators are never used).
 */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export function numbered(sql: string): string {
  let next = 0;
  return sql.replace(/\?/g, () => `$${(next += 1)}`);
}

/** Rows still holding a document: a deleted one stays as a tombstone (doc NULL). Every field index is partial on it. */
export const LIVE: SqlFragment = { sql: 'doc IS NOT NULL', params: [] };

const RANGE_SQL: Record<RangeBound['op'], string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** The conditions on documents, or on the columns a statement selected their fields into (`rootValue`). */
export function conditionsSql(conditions: readonly Condition[], rootValue: RootValue = inDocument): SqlFragment[] {
  return conditions.map((condition) => (condition.field === 'id' ? idConditionSql(condition) : fieldConditionSql(condition, rootValue)));
}

/**
 * Values are bound as jsonb, so a number matches numbers and a string strings. A range matches
 * values of its bound's type only (as on MongoDB): jsonb orders booleans above every number, and a
 * price above 5 should not find `true`.
 */
function fieldConditionSql(condition: Condition, rootValue: RootValue): SqlFragment {
  const key = fieldKey(condition.field, rootValue);
  switch (condition.kind) {
    case 'eq':
      return condition.value === null ? { sql: `${key} IS NULL`, params: [] } : { sql: `${key} = ?::jsonb`, params: [JSON.stringify(condition.value)] };
    case 'in': {
      const present = condition.values.filter((value) => value !== null);
      const membership: SqlFragment = present.length > 0 ? { sql: `${key} = ANY(?::jsonb[])`, params: [present.map((value) => JSON.stringify(value))] } : { sql: 'FALSE', params: [] };
      return condition.values.includes(null) ? { sql: `(${membership.sql} OR ${key} IS NULL)`, params: membership.params } : membership;
    }
    case 'range': {
      const bounds = condition.bounds.map((bound): SqlFragment => ({ sql: `${key} ${RANGE_SQL[bound.op]} ?::jsonb`, params: [JSON.stringify(bound.value)] }));
      const types = [...new Set(condition.bounds.map((bound) => bound.value).filter((value) => value !== null).map((value) => typeof value))];
      return allOf([...bounds, ...types.map((type) => ({ sql: `jsonb_typeof(${key}) = ?`, params: [type] }))]);
    }
  }
}

/** `id` is a text column: only strings can match it. */
function idConditionSql(condition: Condition): SqlFragment {
  const isString = (value: Scalar): value is string => typeof value === 'string';
  switch (condition.kind) {
    case 'eq':
      return isString(condition.value) ? { sql: 'id = ?', params: [condition.value] } : { sql: 'FALSE', params: [] };
    case 'in':
      return { sql: 'id = ANY(?::text[])', params: [condition.values.filter(isString)] };
    case 'range':
      if (!condition.bounds.every((bound) => isString(bound.value))) return { sql: 'FALSE', params: [] };
      return allOf(condition.bounds.map((bound) => ({ sql: `id ${RANGE_SQL[bound.op]} ?`, params: [bound.value] })));
  }
}

/** A sort key as SQL: its expression and the type its cursor value is bound as. */
export interface OrderKey {
  readonly expr: string;
  readonly direction: SortKey['direction'];
  readonly type: 'jsonb' | 'text' | 'real';
}

export function orderKeys(keys: readonly SortKey[]): OrderKey[] {
  return keys.map((key) => ({ expr: fieldKey(key.field), direction: key.direction, type: key.field === 'id' ? 'text' : 'jsonb' }));
}

function bound(key: OrderKey, value: Scalar): unknown {
  return key.type === 'jsonb' ? JSON.stringify(value) : value;
}

/** NULL is the smallest value, as on SQLite and MongoDB: first ascending, last descending. */
export function orderBySql(keys: readonly OrderKey[]): string {
  return keys.map((key) => `${key.expr} ${key.direction === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST'}`).join(', ');
}

/** Rows strictly after the cursor row in the order of the keys, whose values the cursor holds. */
export function keysetSql(keys: readonly OrderKey[], values: readonly Scalar[]): SqlFragment {
  const alternatives: SqlFragment[] = [];
  keys.forEach((key, i) => {
    const after = afterSql(key, values[i]);
    if (after === undefined) return;
    const equalBefore = keys.slice(0, i).map((previous, j): SqlFragment => (values[j] === null ? { sql: `${previous.expr} IS NULL`, params: [] } : { sql: `${previous.expr} = ?::${previous.type}`, params: [bound(previous, values[j])] }));
    alternatives.push(allOf([...equalBefore, after]));
  });
  if (alternatives.length === 0) return { sql: 'FALSE', params: [] };
  const keyset = { sql: `(${alternatives.map((alternative) => `(${alternative.sql})`).join(' OR ')})`, params: alternatives.flatMap((alternative) => alternative.params) };
  // Implied by the keyset, but a plain bound lets PostgreSQL start the index scan at the cursor.
  const [first] = keys;
  if (first.direction === 'asc' && values[0] !== null) return allOf([{ sql: `${first.expr} >= ?::${first.type}`, params: [bound(first, values[0])] }, keyset]);
  return keyset;
}

function afterSql(key: OrderKey, value: Scalar): SqlFragment | undefined {
  if (key.direction === 'asc') return value === null ? { sql: `${key.expr} IS NOT NULL`, params: [] } : { sql: `${key.expr} > ?::${key.type}`, params: [bound(key, value)] };
  return value === null ? undefined : { sql: `(${key.expr} < ?::${key.type} OR ${key.expr} IS NULL)`, params: [bound(key, value)] };
}

export function allOf(fragments: readonly SqlFragment[]): SqlFragment {
  if (fragments.length === 0) return { sql: 'TRUE', params: [] };
  return { sql: fragments.map((fragment) => fragment.sql).join(' AND '), params: fragments.flatMap((fragment) => fragment.params) };
}
