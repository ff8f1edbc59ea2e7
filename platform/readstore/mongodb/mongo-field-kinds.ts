import type { Filter, UpdateFilter } from 'mongodb';
import type { FieldKind, FieldKinds } from '../field-kinds';

/**
 * How a collection's field kinds sit in its spec record: one `kinds` entry per field path, its
 * dots written as `:` (no path holds one) so `a.b` stays one key instead of a nested document.
 */
export interface KindsRecord {
  _id: string;
  kinds?: Record<string, FieldKind>;
}

export function toKindsRecord(kinds: FieldKinds): Record<string, FieldKind> {
  return Object.fromEntries(Object.entries(kinds).map(([field, kind]) => [field.replaceAll('.', ':'), kind]));
}

export function fromKindsRecord(kinds: Record<string, FieldKind> | undefined): FieldKinds {
  return Object.fromEntries(Object.entries(kinds ?? {}).map(([key, kind]) => [key.replaceAll(':', '.'), kind]));
}

/**
 * Records kinds not known yet, only while none of them is: when another process has recorded one
 * meanwhile, the update matches nothing and the caller checks again against the fresh record.
 */
export function recordNewKinds(collection: string, added: FieldKinds): { filter: Filter<KindsRecord>; update: UpdateFilter<KindsRecord> } {
  const keys = Object.entries(toKindsRecord(added));
  return {
    filter: { _id: collection, ...Object.fromEntries(keys.map(([key]) => [`kinds.${key}`, { $exists: false }])) },
    update: { $set: Object.fromEntries(keys.map(([key, kind]) => [`kinds.${key}`, kind])) },
  };
}
