import type { Filter, Sort } from 'mongodb';
import type { Scalar, SortKey } from '../port';
import type { Condition, RangeBound } from '../query-shape';
import type { StoredDocument } from './stored-document';

/**
 * Translates checked query shapes into MongoDB filters and sorts. MongoDB orders null and missing
 * fields first, as SQLite orders NULL, so one keyset rule serves both stores.
 */

export const LIVE: Filter<StoredDocument> = { _deleted: { $ne: true } };

export function mongoField(field: string): string {
  return field === 'id' ? '_id' : field;
}

const RANGE_OPERATORS: Record<RangeBound['op'], string> = { gt: '$gt', gte: '$gte', lt: '$lt', lte: '$lte' };

export function conditionFilters(conditions: readonly Condition[]): Filter<StoredDocument>[] {
  return conditions.map((condition): Filter<StoredDocument> => {
    const field = mongoField(condition.field);
    switch (condition.kind) {
      case 'eq':
        return { [field]: condition.value };
      case 'in':
        return { [field]: { $in: [...condition.values] } };
      case 'range':
        return { [field]: Object.fromEntries(condition.bounds.map((bound) => [RANGE_OPERATORS[bound.op], bound.value])) };
    }
  });
}

export interface MongoSortKey {
  readonly path: string;
  readonly direction: SortKey['direction'];
}

export function mongoSortKeys(keys: readonly SortKey[]): MongoSortKey[] {
  return keys.map((key) => ({ path: mongoField(key.field), direction: key.direction }));
}

export function sortSpec(keys: readonly MongoSortKey[]): Sort {
  return Object.fromEntries(keys.map((key) => [key.path, key.direction === 'asc' ? 1 : -1]));
}

/** Documents strictly after the cursor document in the given order. */
export function keysetFilter(keys: readonly MongoSortKey[], values: readonly Scalar[]): Filter<StoredDocument> {
  const alternatives: Filter<StoredDocument>[] = [];
  keys.forEach((key, i) => {
    const after = afterFilter(key, values[i]);
    if (!after) return;
    const equalBefore = keys.slice(0, i).map((previous, j): Filter<StoredDocument> => ({ [previous.path]: values[j] }));
    alternatives.push(equalBefore.length === 0 ? after : { $and: [...equalBefore, after] });
  });
  return alternatives.length === 0 ? { _id: { $in: [] } } : { $or: alternatives };
}

function afterFilter(key: MongoSortKey, value: Scalar): Filter<StoredDocument> | undefined {
  if (key.direction === 'asc') return value === null ? { [key.path]: { $ne: null } } : { [key.path]: { $gt: value } };
  return value === null ? undefined : { $or: [{ [key.path]: { $lt: value } }, { [key.path]: null }] };
}

export function allOf(filters: readonly Filter<StoredDocument>[]): Filter<StoredDocument> {
  return filters.length === 1 ? filters[0] : { $and: [...filters] };
}
