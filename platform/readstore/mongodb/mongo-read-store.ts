import { MongoClient, type AnyBulkWriteOperation, type Collection, type Db } from 'mongodb';
import type { Checkpoint, CollectionSpec, DocumentVersion, ReadCollection, ReadDocument, ReadStore, WriteOperation } from '../port';
import { InvalidReadQueryError } from '../invalid-read-query-error';
import { assertCollectionSpec, assertPatchFields, assertWritableDocument } from '../names';
import { MongoCollection, type MongoSpecSource } from './mongo-collection';
import { syncIndexes } from './mongo-indexes';
import { applyInOrder, bulkOperation } from './mongo-writes';
import { toReadDocument, type StoredDocument } from './stored-document';

export interface MongoReadStoreOptions {
  readonly url: string;
  readonly database: string;
}

/** The driver connects on the first operation (and reconnects on its own), so the factory is synchronous like SQLite's. */
export function createMongoReadStore(options: MongoReadStoreOptions): ReadStore {
  // ignoreUndefined: an undefined field is absent, as it is in SQLite's JSON.
  const client = new MongoClient(options.url, { ignoreUndefined: true });
  return new MongoReadStore(client, client.db(options.database));
}

interface SpecRecord {
  _id: string;
  indexes: string[];
  textFields: string[];
}

interface CheckpointRecord {
  _id: string;
  position: number;
  committedAt: Date;
  /** Absent in records stored before projections had versions: those were committed by version 1. */
  version?: number;
}

/**
 * Read models in MongoDB, one `rm_` collection each. Delivery is at-least-once: the writes of a
 * commit land first, then the checkpoint, and a crash between them replays the batch. Every write
 * is guarded by the position stored with its document, so the replay changes nothing.
 */
export class MongoReadStore implements ReadStore, MongoSpecSource {
  private readonly specCache = new Map<string, CollectionSpec>();

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  async defineCollections(specs: readonly CollectionSpec[]): Promise<void> {
    specs.forEach(assertCollectionSpec);
    for (const spec of specs) {
      await syncIndexes(this.documents(spec.name), spec);
      await this.specs().replaceOne(
        { _id: spec.name },
        { indexes: [...spec.indexes], textFields: [...(spec.textFields ?? [])] },
        { upsert: true },
      );
      this.specCache.delete(spec.name);
    }
  }

  collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T> {
    return new MongoCollection<T>(name, this.documents(name), this);
  }

  async spec(name: string, refresh: boolean): Promise<CollectionSpec | undefined> {
    if (refresh || !this.specCache.has(name)) {
      const record = await this.specs().findOne({ _id: name });
      if (record) this.specCache.set(name, { name, indexes: record.indexes, textFields: record.textFields });
      else this.specCache.delete(name);
    }
    return this.specCache.get(name);
  }

  async getVersions(collection: string, ids: readonly string[]): Promise<Map<string, DocumentVersion>> {
    await this.assertDefined(collection);
    const stored = await this.documents(collection).find({ _id: { $in: [...ids] } }).toArray();
    return new Map(stored.map((doc) => [doc._id, { doc: doc._deleted ? undefined : toReadDocument(doc), position: doc._position }]));
  }

  async getCheckpoint(projection: string): Promise<Checkpoint | undefined> {
    const record = await this.checkpoints().findOne({ _id: projection });
    return record ? { position: record.position, version: record.version ?? 1 } : undefined;
  }

  async commit(projection: string, writes: readonly WriteOperation[], checkpoint: Checkpoint): Promise<void> {
    // Everything is checked before anything is written: a refused commit leaves no partial writes behind.
    for (const write of writes) {
      await this.assertDefined(write.collection);
      if (write.kind === 'upsert') assertWritableDocument(write.collection, write.doc);
      if (write.kind === 'patch') assertPatchFields(write.collection, write.fields);
    }
    const byCollection = new Map<string, AnyBulkWriteOperation<StoredDocument>[]>();
    for (const write of writes) {
      const operations = byCollection.get(write.collection) ?? [];
      operations.push(bulkOperation(write));
      byCollection.set(write.collection, operations);
    }
    // Writes to different collections never touch the same document, so only the order within a collection matters.
    await Promise.all([...byCollection].map(([collection, operations]) => applyInOrder(this.documents(collection), operations)));
    await this.checkpoints().updateOne({ _id: projection }, { $max: { position: checkpoint.position }, $set: { committedAt: new Date(), version: checkpoint.version } }, { upsert: true });
  }

  async reset(projection: string, collections: readonly string[]): Promise<void> {
    for (const collection of collections) {
      await this.assertDefined(collection);
      await this.documents(collection).deleteMany({});
    }
    await this.checkpoints().deleteOne({ _id: projection });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private documents(name: string): Collection<StoredDocument> {
    return this.db.collection<StoredDocument>(`rm_${name}`);
  }

  private specs(): Collection<SpecRecord> {
    return this.db.collection<SpecRecord>('rm_collections');
  }

  private checkpoints(): Collection<CheckpointRecord> {
    return this.db.collection<CheckpointRecord>('rm_checkpoints');
  }

  private async assertDefined(collection: string): Promise<void> {
    if (!(await this.spec(collection, false)) && !(await this.spec(collection, true))) {
      throw new InvalidReadQueryError(`Collection ${collection} is not defined`);
    }
  }
}
