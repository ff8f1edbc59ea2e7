import { MongoBulkWriteError, type AnyBulkWriteOperation, type BulkWriteOptions, type BulkWriteResult, type Collection, type Db, type Document } from 'mongodb';

/**
 * A stand-in for a MongoDB database that answers the calls the read-store adapter makes, as the
 * server and the `mongodb` driver do, for the filter and update shapes the adapter sends (no
 * server can run here). It counts round trips per collection and method.
 *
 * Bulk writes: an upsert whose position guard fails on an existing `_id` is a duplicate key
 * (11000); an ordered write stops at its first error, an unordered one tries every operation; the
 * failures come back in one MongoBulkWriteError with their indexes, as the driver throws it.
 */
export class FakeMongoDatabase {
  /** Round trips, as `collection.method`. */
  readonly calls: string[] = [];
  /** The error code every bulk write operation fails with, when set. */
  failBulkWritesWith: number | undefined;
  private readonly collections = new Map<string, Map<string, Document>>();

  readonly db = { collection: (name: string) => this.collection(name) } as unknown as Db;

  /** The documents of a collection, ordered by `_id`. */
  documents(name: string): Document[] {
    return [...this.store(name).values()].sort((a, b) => (a._id < b._id ? -1 : 1)).map((doc) => structuredClone(doc));
  }

  count(call: string): number {
    return this.calls.filter((made) => made === call).length;
  }

  private store(name: string): Map<string, Document> {
    let store = this.collections.get(name);
    if (!store) this.collections.set(name, (store = new Map()));
    return store;
  }

  private collection(name: string): Collection {
    const store = this.store(name);
    const call = (method: string) => this.calls.push(`${name}.${method}`);
    const api = {
      findOne: async (filter: { _id: string }) => {
        call('findOne');
        const found = store.get(filter._id);
        return found ? structuredClone(found) : null;
      },
      find: (filter: { _id: { $in: string[] } }) => ({
        toArray: async () => {
          call('find');
          return filter._id.$in.flatMap((id) => (store.has(id) ? [structuredClone(store.get(id))] : []));
        },
      }),
      replaceOne: async (filter: { _id: string }, replacement: Document) => {
        call('replaceOne');
        store.set(filter._id, { ...structuredClone(replacement), _id: filter._id });
        return { matchedCount: 1 };
      },
      updateOne: async (filter: Document, update: Document, options: { upsert?: boolean } = {}) => {
        call('updateOne');
        const id = filter._id as string;
        const stored = store.get(id);
        const matches = stored !== undefined && Object.entries(filter).every(([path, condition]) => path === '_id' || matchesCondition(valueAt(stored, path), condition));
        if (!matches && !options.upsert) return { matchedCount: 0 };
        const doc = matches ? stored : { _id: id };
        applyUpdate(doc, update);
        store.set(id, doc);
        return { matchedCount: matches ? 1 : 0 };
      },
      deleteOne: async (filter: { _id: string }) => {
        call('deleteOne');
        store.delete(filter._id);
      },
      deleteMany: async () => {
        call('deleteMany');
        store.clear();
      },
      listIndexes: () => ({ toArray: async () => (call('listIndexes'), []) }),
      createIndex: async () => call('createIndex'),
      dropIndex: async () => call('dropIndex'),
      bulkWrite: async (operations: AnyBulkWriteOperation[], options: BulkWriteOptions = {}) => {
        call('bulkWrite');
        const writeErrors: { code: number; index: number; errmsg: string }[] = [];
        for (const [index, operation] of operations.entries()) {
          const code = this.failBulkWritesWith ?? applyBulkOperation(store, operation);
          if (code === undefined) continue;
          writeErrors.push({ code, index, errmsg: `E${code}` });
          if (options.ordered !== false) break;
        }
        if (writeErrors.length > 0) {
          const result = { getWriteConcernError: () => undefined } as unknown as BulkWriteResult;
          throw new MongoBulkWriteError({ message: writeErrors[0].errmsg, code: writeErrors[0].code, writeErrors: writeErrors as never }, result);
        }
        return {} as BulkWriteResult;
      },
    };
    return api as unknown as Collection;
  }
}

type PositionGuard = { _id: string; _position: { $lt: number } };

/** The error code of the operation, or undefined when it succeeds (matched or not). */
function applyBulkOperation(store: Map<string, Document>, operation: AnyBulkWriteOperation): number | undefined {
  if ('replaceOne' in operation) {
    const { filter, replacement } = operation.replaceOne as unknown as { filter: PositionGuard; replacement: Document };
    const stored = store.get(filter._id);
    if (stored && stored._position >= filter._position.$lt) return 11000;
    store.set(filter._id, { ...structuredClone(replacement), _id: filter._id });
    return undefined;
  }
  if ('updateOne' in operation) {
    const { filter, update } = operation.updateOne as unknown as { filter: PositionGuard; update: Document };
    const stored = store.get(filter._id);
    if (stored && stored._position < filter._position.$lt && stored._deleted !== true) applyUpdate(stored, update);
    return undefined;
  }
  throw new Error('the adapter sends replaceOne and updateOne only');
}

function valueAt(doc: Document, path: string): unknown {
  return path.split('.').reduce<unknown>((value, step) => (value !== null && typeof value === 'object' ? (value as Document)[step] : undefined), doc);
}

function matchesCondition(value: unknown, condition: unknown): boolean {
  if (condition !== null && typeof condition === 'object' && '$exists' in condition) return (value !== undefined) === (condition as { $exists: boolean }).$exists;
  return value === condition;
}

function applyUpdate(doc: Document, update: Document): void {
  for (const [path, value] of Object.entries((update.$set ?? {}) as Document)) setAt(doc, path, structuredClone(value));
  for (const [path, value] of Object.entries((update.$max ?? {}) as Document)) if (!(Number(valueAt(doc, path)) >= Number(value))) setAt(doc, path, value);
  for (const path of Object.keys((update.$unset ?? {}) as Document)) delete doc[path];
}

function setAt(doc: Document, path: string, value: unknown): void {
  const steps = path.split('.');
  let target = doc;
  for (const step of steps.slice(0, -1)) target = (target[step] ??= {}) as Document;
  target[steps[steps.length - 1]] = value;
}
