import type { CollectionSpec, ReadDocument } from './port';
import { InvalidReadQueryError } from './invalid-read-query-error';

/**
 * Names that both adapters can use verbatim: collection names become table/collection names and
 * field paths become JSON paths (SQLite) or dotted paths (MongoDB), so they are restricted to
 * identifiers. Anything else is rejected before it reaches a query string.
 */
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const TOP_LEVEL_FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Fields the MongoDB adapter keeps beside the document (`_id`, `_position`, `_deleted`), adds to a
 * search's results (`_score`) or reads as a document's text language (`_textLanguage`, its text
 * index's language override); refused in documents on every adapter so all behave alike.
 */
const RESERVED_FIELDS = new Set(['_id', '_position', '_deleted', '_score', '_textLanguage']);

/**
 * Collection names that would reach a store's own records: SQLite keeps them in `rm_collections`,
 * `rm_checkpoints` and `rm_collection_versions` beside the `rm_<collection>` tables, and names a
 * collection's text table and indexes `rm_<collection>__…`, so `__` is refused too. Refused on every
 * adapter so a read model moves between stores unchanged.
 */
const RESERVED_COLLECTION_NAMES = new Set(['collections', 'checkpoints', 'collection_versions']);
const DERIVED_NAME_SEPARATOR = '__';

export function assertCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name)) {
    throw new InvalidReadQueryError(`Invalid collection name "${name}": use a letter then letters, digits or _ (max 63)`);
  }
  if (RESERVED_COLLECTION_NAMES.has(name) || name.includes(DERIVED_NAME_SEPARATOR)) {
    throw new InvalidReadQueryError(
      `Collection name "${name}" is reserved: the read stores keep their own records as collections, checkpoints and collection_versions and derive names with "__"; choose another name`,
    );
  }
}

export function assertFieldPath(field: string): void {
  if (!FIELD_PATH.test(field)) {
    throw new InvalidReadQueryError(`Invalid field path "${field}": use identifiers separated by dots`);
  }
}

export function assertCollectionSpec(spec: CollectionSpec): void {
  assertCollectionName(spec.name);
  for (const field of [...spec.indexes, ...(spec.textFields ?? [])]) assertFieldPath(field);
}

export function assertWritableDocument(collection: string, doc: ReadDocument): void {
  if (typeof doc.id !== 'string' || doc.id.length === 0) {
    throw new InvalidReadQueryError(`Document for ${collection} needs a non-empty string id`);
  }
  for (const key of Object.keys(doc)) assertWritableField(collection, key);
}

export function assertPatchFields(collection: string, fields: Readonly<Record<string, unknown>>): void {
  for (const key of Object.keys(fields)) {
    if (key === 'id') throw new InvalidReadQueryError(`Patch on ${collection} cannot change the id`);
    assertWritableField(collection, key);
  }
}

function assertWritableField(collection: string, key: string): void {
  if (RESERVED_FIELDS.has(key) || !TOP_LEVEL_FIELD.test(key)) {
    throw new InvalidReadQueryError(`Field "${key}" cannot be written to ${collection}: fields are identifiers and ${[...RESERVED_FIELDS].join(', ')} are reserved`);
  }
}

/** Reads a dotted path from a document; undefined when any step is missing. */
export function readFieldPath(doc: object, path: string): unknown {
  let value: unknown = doc;
  for (const step of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}
