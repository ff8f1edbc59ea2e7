import type { CollectionSpec, WriteOperation } from './port';
import { InvalidReadQueryError } from './invalid-read-query-error';
import { readFieldPath } from './names';

/**
 * The one kind of value each declared index holds in a collection. The stores order values of
 * different kinds differently (MongoDB: numbers, strings, then booleans, and a range matches its
 * bound's kind only, so a keyset page would skip every other kind; PostgreSQL: strings before
 * numbers; SQLite: booleans as the numbers 1 and 0, before strings), so sorted pages agree and lose
 * nothing only when a field never mixes kinds. The first value written fixes the kind; null and
 * missing fit any kind; an array's elements are its values. A reset forgets the kinds, so a rebuild
 * may change them.
 */
export type FieldKind = 'string' | 'number' | 'boolean';
export type FieldKinds = Readonly<Record<string, FieldKind>>;

/** A collection's spec as the stores keep it: with the kinds its index fields hold so far. */
export interface StoredCollectionSpec extends CollectionSpec {
  readonly kinds?: FieldKinds;
}

/**
 * Checks the kinds the writes give the collection's index fields against the known ones and each
 * other; answers the kinds not known yet, for the store to record with the writes.
 */
export function newFieldKinds(spec: StoredCollectionSpec, writes: readonly WriteOperation[]): Record<string, FieldKind> {
  const known = spec.kinds ?? {};
  const added: Record<string, FieldKind> = {};
  for (const write of writes) {
    if (write.collection !== spec.name || write.kind === 'delete') continue;
    const values = write.kind === 'upsert' ? write.doc : write.fields;
    for (const field of spec.indexes) {
      if (field === 'id') continue;
      for (const kind of kindsOf(readFieldPath(values, field))) {
        const expected = known[field] ?? added[field];
        if (expected === undefined) added[field] = kind;
        else if (expected !== kind) throw mixedKinds(spec.name, field, expected, kind);
      }
    }
  }
  return added;
}

/** The kinds left when the spec changes: those of fields still declared. */
export function keptFieldKinds(previous: FieldKinds | undefined, indexes: readonly string[]): Record<string, FieldKind> {
  return Object.fromEntries(Object.entries(previous ?? {}).filter(([field]) => indexes.includes(field)));
}

function kindsOf(value: unknown): FieldKind[] {
  if (Array.isArray(value)) return value.flatMap(kindsOf);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [typeof value as FieldKind];
  return [];
}

function mixedKinds(collection: string, field: string, expected: FieldKind, written: FieldKind): InvalidReadQueryError {
  return new InvalidReadQueryError(
    `Field "${field}" of ${collection} holds ${expected} values, so a ${written} cannot be written to it: a declared index keeps one kind of value (null allowed) so sorted pages stay in order; convert the value, or rebuild the read model to change the kind`,
  );
}
