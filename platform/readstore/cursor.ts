import type { Scalar, SortKey } from './port';
import { InvalidReadQueryError } from './invalid-read-query-error';

/**
 * Keyset cursors: the sort values of the last item of a page (its `id` last), base64url-encoded
 * JSON. The cursor also names the ordering it belongs to, so a cursor replayed against another
 * sort or search is refused instead of silently skipping rows.
 */

interface CursorPayload {
  readonly o: string;
  readonly v: Scalar[];
}

export function orderingOfSort(keys: readonly SortKey[]): string {
  return keys.map((key) => `${key.field}:${key.direction}`).join(',');
}

export function orderingOfSearch(terms: readonly string[]): string {
  return `search:${terms.join(' ')}`;
}

/** A search in the order of a sort: its cursors fit neither the best-match search nor a find. */
export function orderingOfSortedSearch(terms: readonly string[], keys: readonly SortKey[]): string {
  return `${orderingOfSearch(terms)}|${orderingOfSort(keys)}`;
}

export function encodeCursor(ordering: string, values: readonly unknown[]): string {
  const payload: CursorPayload = { o: ordering, v: values.map(toCursorScalar) };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The sort values stored in the cursor, one per ordering key. */
export function decodeCursor(cursor: string, ordering: string, expectedValues: number): Scalar[] {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidReadQueryError('Malformed cursor');
  }
  if (!isPayload(payload) || payload.v.length !== expectedValues) throw new InvalidReadQueryError('Malformed cursor');
  if (payload.o !== ordering) throw new InvalidReadQueryError('Cursor belongs to a different sort or search');
  return payload.v;
}

function isPayload(value: unknown): value is CursorPayload {
  if (value === null || typeof value !== 'object') return false;
  const { o, v } = value as Record<string, unknown>;
  return typeof o === 'string' && Array.isArray(v) && v.every(isScalar);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** Missing and non-scalar sort values order as null on both stores. */
function toCursorScalar(value: unknown): Scalar {
  return isScalar(value) ? value : null;
}
