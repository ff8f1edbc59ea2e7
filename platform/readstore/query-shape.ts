import type { FieldCondition, FindQuery, Scalar, SortKey } from './port';
import { InvalidReadQueryError } from './invalid-read-query-error';
import { ReadQueryTimeoutError } from './read-query-timeout-error';

/**
 * Turns the port's loose query shapes into checked, explicit ones that both adapters translate
 * the same way: conditions only on declared indexed fields (`id` always counts as indexed), the
 * `id` tie-breaker appended to every sort, page sizes bounded.
 */

export type Condition =
  | { readonly kind: 'eq'; readonly field: string; readonly value: Scalar }
  | { readonly kind: 'in'; readonly field: string; readonly values: readonly Scalar[] }
  | { readonly kind: 'range'; readonly field: string; readonly bounds: readonly RangeBound[] };

export interface RangeBound {
  readonly op: 'gt' | 'gte' | 'lt' | 'lte';
  readonly value: Scalar;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
const RANGE_OPS = ['gt', 'gte', 'lt', 'lte'] as const;

export function normalizeWhere(collection: string, where: FindQuery['where'], indexed: ReadonlySet<string>): Condition[] {
  if (!where) return [];
  return Object.entries(where).map(([field, condition]) => {
    assertIndexed(collection, field, indexed, 'filter');
    return normalizeCondition(collection, field, condition);
  });
}

function normalizeCondition(collection: string, field: string, condition: FieldCondition): Condition {
  if (condition === null || typeof condition !== 'object') {
    assertScalar(collection, field, condition);
    return { kind: 'eq', field, value: condition };
  }
  if ('in' in condition) {
    if (!Array.isArray(condition.in)) throw new InvalidReadQueryError(`${collection}.${field}: "in" needs an array`);
    condition.in.forEach((value) => assertScalar(collection, field, value));
    return { kind: 'in', field, values: condition.in };
  }
  const unknownOps = Object.keys(condition).filter((key) => !(RANGE_OPS as readonly string[]).includes(key));
  if (unknownOps.length > 0) throw new InvalidReadQueryError(`${collection}.${field}: unknown operator(s) ${unknownOps.join(', ')}`);
  const bounds: RangeBound[] = [];
  for (const op of RANGE_OPS) {
    const value = condition[op];
    if (value === undefined) continue;
    assertScalar(collection, field, value);
    bounds.push({ op, value });
  }
  if (bounds.length === 0) throw new InvalidReadQueryError(`${collection}.${field}: empty condition`);
  return { kind: 'range', field, bounds };
}

function assertScalar(collection: string, field: string, value: unknown): asserts value is Scalar {
  const ok = value === null || ['string', 'number', 'boolean'].includes(typeof value);
  if (!ok || (typeof value === 'number' && !Number.isFinite(value))) {
    throw new InvalidReadQueryError(`${collection}.${field}: condition values must be strings, finite numbers, booleans or null`);
  }
}

/** The sort with `id` ascending as final tie-breaker; keys after an explicit `id` are dropped because `id` is already unique. */
export function normalizeSort(collection: string, sort: FindQuery['sort'], indexed: ReadonlySet<string>): SortKey[] {
  const keys: SortKey[] = [];
  for (const key of sort ?? []) {
    assertIndexed(collection, key.field, indexed, 'sort');
    if (key.direction !== 'asc' && key.direction !== 'desc') {
      throw new InvalidReadQueryError(`${collection}.${key.field}: sort direction must be asc or desc`);
    }
    keys.push({ field: key.field, direction: key.direction });
    if (key.field === 'id') return keys;
  }
  keys.push({ field: 'id', direction: 'asc' });
  return keys;
}

export function pageSize(first: number | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new InvalidReadQueryError(`first must be an integer between 0 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** The checked time budget: undefined for none; a budget already spent (0 or less) times out before any work. */
export function timeBudget(maxTimeMs: number | undefined): number | undefined {
  if (maxTimeMs === undefined) return undefined;
  if (typeof maxTimeMs !== 'number' || !Number.isFinite(maxTimeMs)) throw new InvalidReadQueryError('maxTimeMs must be a finite number of milliseconds');
  if (maxTimeMs <= 0) throw new ReadQueryTimeoutError(maxTimeMs);
  return maxTimeMs;
}

export function assertIndexed(collection: string, field: string, indexed: ReadonlySet<string>, use: 'filter' | 'sort' | 'facet'): void {
  if (field !== 'id' && !indexed.has(field)) {
    throw new InvalidReadQueryError(`Cannot ${use} ${collection} on "${field}": it is not a declared index (declared: ${[...indexed].join(', ') || 'none'})`);
  }
}
