import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import type { WriteOperation } from '../port';
import { toStoredDocument, tombstone, type StoredDocument } from './stored-document';

const DUPLICATE_KEY = 11000;

/**
 * One write as a bulk operation guarded by position: it matches only a document that reflects an
 * earlier event. Upserts and deletes replace the document (a delete with a tombstone); when the
 * guard does not match because the stored document is newer, the upsert's insert collides on
 * `_id` and the server reports a duplicate key, which means "already applied".
 */
export function bulkOperation(write: WriteOperation): AnyBulkWriteOperation<StoredDocument> {
  switch (write.kind) {
    case 'upsert':
      return { replaceOne: { filter: { _id: write.doc.id, _position: { $lt: write.position } }, replacement: toStoredDocument(write.doc, write.position), upsert: true } };
    case 'delete':
      return { replaceOne: { filter: { _id: write.id, _position: { $lt: write.position } }, replacement: tombstone(write.id, write.position), upsert: true } };
    case 'patch':
      return {
        updateOne: {
          filter: { _id: write.id, _position: { $lt: write.position }, _deleted: { $ne: true } },
          update: { $set: { ...write.fields, _position: write.position } },
        },
      };
  }
}

/**
 * Runs the operations in order (later writes to a document build on earlier ones). An ordered bulk
 * write stops at its first error; a duplicate key there is a skipped write, so it carries on with
 * the operation after it. Any other error is thrown.
 */
export async function applyInOrder(collection: Collection<StoredDocument>, operations: readonly AnyBulkWriteOperation<StoredDocument>[]): Promise<void> {
  let next = 0;
  while (next < operations.length) {
    try {
      await collection.bulkWrite(operations.slice(next), { ordered: true });
      return;
    } catch (error) {
      const failed = duplicateKeyIndex(error);
      if (failed === undefined) throw error;
      next += failed + 1;
    }
  }
}

function duplicateKeyIndex(error: unknown): number | undefined {
  if (!(error instanceof MongoBulkWriteError) || error.err) return undefined;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  if (writeErrors.length !== 1 || writeErrors[0].code !== DUPLICATE_KEY) return undefined;
  return writeErrors[0].index;
}
