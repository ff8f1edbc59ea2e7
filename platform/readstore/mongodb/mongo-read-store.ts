import { MongoClient, type Collection, type Db } from 'mongodb';
import type { Checkpoint, CollectionSpec, DocumentVersion, ReadCollection, ReadDocument, ReadStore, WriteOperation } from '../port';
import { keptFieldKinds, newFieldKinds, type FieldKinds, type StoredCollectionSpec } from '../field-kinds';
import { InvalidReadQueryError } from '../invalid-read-query-error';
import { assertCollectionSpec, assertPatchFields, assertWritableDocument } from '../names';
import { MongoCollection, type MongoSpecSource } from './mongo-collection';
import { fromKindsRecord, recordNewKinds, toKindsRecord, type KindsRecord } from './mongo-field-kinds';
import { syncIndexes } from './mongo-indexes';
import { applyRounds, writeRounds } from './mongo-writes';
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

interface SpecRecord extends KindsRecord {
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
  private readonly specCache = new Map<string, StoredCollectionSpec>();

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  async defineCollections(specs: readonly CollectionSpec[]): Promise<void> {
    specs.forEach(assertCollectionSpec);
    for (const spec of specs) {
      await syncIndexes(this.documents(spec.name), spec);
      const previous = await this.spec(spec.name, true);
      await this.specs().replaceOne(
        { _id: spec.name },
        { indexes: [...spec.indexes], textFields: [...(spec.textFields ?? [])], kinds: toKindsRecord(keptFieldKinds(previous?.kinds, spec.indexes)) },
        { upsert: true },
      );
      this.specCache.delete(spec.name);
    }
  }

  collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T> {
    return new MongoCollection<T>(name, this.documents(name), this);
  }

  async spec(name: string, refresh: boolean): Promise<StoredCollectionSpec | undefined> {
    if (refresh || !this.specCache.has(name)) {
      const record = await this.specs().findOne({ _id: name });
      if (record) this.specCache.set(name, { name, indexes: record.indexes, textFields: record.textFields, kinds: fromKindsRecord(record.kinds) });
      else this.specCache.delete(name);
    }
    return this.specCache.get(name);
  }

  async getVersions(collection: string, ids: readonly string[]): Promise<Map<string, DocumentVersion>> {
    await this.definedSpec(collection, false);
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
      await this.definedSpec(write.collection, false);
      if (write.kind === 'upsert') assertWritableDocument(write.collection, write.doc);
      if (write.kind === 'patch') assertPatchFields(write.collection, write.fields);
    }
    const byCollection = new Map<string, WriteOperation[]>();
    for (const write of writes) {
      const own = byCollection.get(write.collection) ?? [];
      own.push(write);
      byCollection.set(write.collection, own);
    }
    const newKinds = new Map<string, FieldKinds>();
    for (const [collection, own] of byCollection) newKinds.set(collection, await this.checkedNewKinds(collection, own));
    for (const [collection, own] of byCollection) await this.recordKinds(collection, own, newKinds.get(collection) ?? {});
    // Writes to different collections never touch the same document, so only the order within a collection matters.
    await Promise.all([...byCollection].map(([collection, own]) => applyRounds(this.documents(collection), writeRounds(own))));
    await this.checkpoints().updateOne({ _id: projection }, { $max: { position: checkpoint.position }, $set: { committedAt: new Date(), version: checkpoint.version } }, { upsert: true });
  }

  async reset(projection: string, collections: readonly string[]): Promise<void> {
    for (const collection of collections) {
      await this.definedSpec(collection, false);
      await this.documents(collection).deleteMany({});
      await this.specs().updateOne({ _id: collection }, { $unset: { kinds: '' } });
      this.specCache.delete(collection);
    }
    await this.checkpoints().deleteOne({ _id: projection });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** The kinds the writes give the collection's index fields for the first time; a conflict with the cached kinds is checked again against fresh ones (a reset elsewhere forgets them). */
  private async checkedNewKinds(collection: string, writes: readonly WriteOperation[]): Promise<FieldKinds> {
    try {
      return newFieldKinds(await this.definedSpec(collection, false), writes);
    } catch (error) {
      if (!(error instanceof InvalidReadQueryError)) throw error;
      return newFieldKinds(await this.definedSpec(collection, true), writes);
    }
  }

  /** Records the new kinds unless another process recorded kinds of the same fields meanwhile: then the writes must fit those. */
  private async recordKinds(collection: string, writes: readonly WriteOperation[], added: FieldKinds): Promise<void> {
    while (Object.keys(added).length > 0) {
      const { filter, update } = recordNewKinds(collection, added);
      const { matchedCount } = await this.specs().updateOne(filter, update);
      if (matchedCount === 1) {
        const spec = this.specCache.get(collection);
        if (spec) this.specCache.set(collection, { ...spec, kinds: { ...spec.kinds, ...added } });
        return;
      }
      added = newFieldKinds(await this.definedSpec(collection, true), writes);
    }
  }

  private async definedSpec(collection: string, refresh: boolean): Promise<StoredCollectionSpec> {
    const spec = (await this.spec(collection, refresh)) ?? (await this.spec(collection, true));
    if (!spec) throw new InvalidReadQueryError(`Collection ${collection} is not defined`);
    return spec;
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
}
