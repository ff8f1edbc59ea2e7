/**
 * The read-store port: what read models need and nothing more. Adapters: SQLite (default, same
 * file as the event log so a projection's writes and its checkpoint commit in one transaction)
 * and MongoDB (at-least-once delivery made idempotent by the event position stored with each
 * document). Both pass the contract suite in `test/contract/`.
 */

/** A read-model document. `id` is unique within its collection. */
export interface ReadDocument {
  readonly id: string;
  readonly [field: string]: unknown;
}

export type Scalar = string | number | boolean | null;

/** Equality (a scalar), membership (`in`) or a range on one indexed field. */
export type FieldCondition =
  | Scalar
  | { readonly in: readonly Scalar[] }
  | { readonly gt?: Scalar; readonly gte?: Scalar; readonly lt?: Scalar; readonly lte?: Scalar };

export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface FindQuery {
  /** Conditions on indexed fields, all of which must hold. */
  readonly where?: Readonly<Record<string, FieldCondition>>;
  /** Sort on indexed fields; `id` ascending is always the final tie-breaker. */
  readonly sort?: readonly SortKey[];
  /** Page size; defaults to 50. */
  readonly first?: number;
  /** Opaque cursor from a previous page's `endCursor`. */
  readonly after?: string;
}

export interface Page<T> {
  readonly items: T[];
  /** The cursor of each item, in order: paging `after` any of them continues right behind it. */
  readonly cursors: string[];
  /** Cursor of the last item, to pass as `after`; undefined for an empty page. */
  readonly endCursor?: string;
  readonly hasNextPage: boolean;
}

/** Declares a collection: which fields can be filtered/sorted on and which are full-text searchable. */
export interface CollectionSpec {
  readonly name: string;
  readonly indexes: readonly string[];
  readonly textFields?: readonly string[];
}

export interface ReadCollection<T extends ReadDocument = ReadDocument> {
  get(id: string): Promise<T | undefined>;
  find(query?: FindQuery): Promise<Page<T>>;
  count(where?: FindQuery['where']): Promise<number>;
  /** Full-text search over the declared text fields, best match first, optionally narrowed by `where`. */
  search(text: string, query?: Pick<FindQuery, 'where' | 'first' | 'after'>): Promise<Page<T>>;
}

/** One write produced by a projection, tagged with the position of the event that caused it. */
export type WriteOperation =
  | { readonly kind: 'upsert'; readonly collection: string; readonly doc: ReadDocument; readonly position: number }
  /** Sets the given top-level fields on an existing document; no effect when it does not exist. */
  | { readonly kind: 'patch'; readonly collection: string; readonly id: string; readonly fields: Readonly<Record<string, unknown>>; readonly position: number }
  | { readonly kind: 'delete'; readonly collection: string; readonly id: string; readonly position: number };

/**
 * A document as stored, with the position of the last write applied to it. `doc` is undefined
 * when that write was a delete: the store keeps the position of deletes (a tombstone) so that a
 * redelivered older write cannot bring the document back.
 */
export interface DocumentVersion<T extends ReadDocument = ReadDocument> {
  readonly doc: T | undefined;
  readonly position: number;
}

/** How far a projection has come, and which version of its fold brought it there. */
export interface Checkpoint {
  /** The last position committed. */
  readonly position: number;
  /**
   * The version of the projection's fold that committed it: a read model folded by another version
   * is rebuilt. 1 for a checkpoint stored before projections had versions.
   */
  readonly version: number;
}

export interface ReadStore {
  /** Creates collections, indexes and text indexes that do not exist yet. Idempotent. */
  defineCollections(specs: readonly CollectionSpec[]): Promise<void>;
  collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T>;
  /**
   * Stored versions of the given documents (ids never written are absent). The projection runner
   * uses them to drop the writes of redelivered events that a document already reflects, before a
   * handler builds on them.
   */
  getVersions(collection: string, ids: readonly string[]): Promise<Map<string, DocumentVersion>>;
  /** The projection's checkpoint, or undefined when it never ran. */
  getCheckpoint(projection: string): Promise<Checkpoint | undefined>;
  /**
   * Applies the writes and moves the projection's checkpoint, stored with the version given. On both
   * adapters each write is skipped when its document already reflects a later or equal position,
   * and the checkpoint's position moves forward only, so redelivered writes change nothing. SQLite:
   * one transaction (exactly once). MongoDB: writes, then the checkpoint (at-least-once, made
   * idempotent by the position guard).
   */
  commit(projection: string, writes: readonly WriteOperation[], checkpoint: Checkpoint): Promise<void>;
  /** Drops every document of the collections and the projection's checkpoint (version included), for a rebuild from position zero. */
  reset(projection: string, collections: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
