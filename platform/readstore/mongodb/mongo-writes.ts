import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import type { WriteOperation } from '../port';
import { toStoredDocument, tombstone, type StoredDocument } from './stored-document';

const DUPLICATE_KEY = 11000;

type BulkOperation = AnyBulkWriteOperation<StoredDocument>;

/**
 * One write as a bulk operation guarded by position: it matches only a document that reflects an
 * earlier event. Upserts and deletes replace the document (a delete with a tombstone); when the
 * guard does not match because the stored document is newer, the upsert's insert collides on
 * `_id` and the server reports a duplicate key, which means "already applied".
 */
export function bulkOperation(write: WriteOperation): BulkOperation {
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
 * The writes of one collection as bulk operations in rounds: round k holds each document's k-th
 * write. No round writes a document twice, so the order within a round does not matter, and the
 * rounds in turn keep each document's writes in order (later writes build on earlier ones).
 */
export function writeRounds(writes: readonly WriteOperation[]): BulkOperation[][] {
  const rounds: BulkOperation[][] = [];
  const writesSoFar = new Map<string, number>();
  for (const write of writes) {
    const id = write.kind === 'upsert' ? write.doc.id : write.id;
    const round = writesSoFar.get(id) ?? 0;
    writesSoFar.set(id, round + 1);
    (rounds[round] ??= []).push(bulkOperation(write));
  }
  return rounds;
}

/**
 * Applies the rounds in turn, each as one unordered bulk write: the server tries every operation
 * and reports the failed ones together. Duplicate keys among them are writes already applied, so a
 * redelivered batch costs one round trip per round (one for a batch of distinct documents), not one
 * per duplicate as an ordered write resent after each would. Any other failure is thrown.
 */
export async function applyRounds(collection: Collection<StoredDocument>, rounds: readonly BulkOperation[][]): Promise<void> {
  for (const round of rounds) {
    try {
      await collection.bulkWrite(round, { ordered: false });
    } catch (error) {
      if (!onlyAlreadyApplied(error)) throw error;
    }
  }
}

function onlyAlreadyApplied(error: unknown): boolean {
  if (!(error instanceof MongoBulkWriteError) || error.err || error.result?.getWriteConcernError()) return false;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  return writeErrors.length > 0 && writeErrors.every((writeError) => writeError.code === DUPLICATE_KEY);
}
