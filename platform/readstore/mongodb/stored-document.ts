import type { ReadDocument } from '../port';

/**
 * How a read document sits in MongoDB: its id as `_id`, its fields at the top level (so indexes
 * and filters address them directly), and beside them the position of the last event applied.
 * A deleted document keeps only `_id`, `_deleted: true` and `_position` (a tombstone).
 */
export interface StoredDocument {
  _id: string;
  _position: number;
  _deleted?: true;
  [field: string]: unknown;
}

export function toStoredDocument(doc: ReadDocument, position: number): StoredDocument {
  const { id, ...fields } = doc;
  return { ...fields, _id: id, _position: position };
}

export function tombstone(id: string, position: number): StoredDocument {
  return { _id: id, _deleted: true, _position: position };
}

export function toReadDocument<T extends ReadDocument>(stored: StoredDocument): T {
  const { _id, _position, _deleted, _score, ...fields } = stored;
  return { id: _id, ...fields } as unknown as T;
}
