/**
 * The read-store port: what read models need and nothing more. Adapters: SQLite (default, same
 * file as the event log so a projection's writes and its checkpoint commit in one transaction)
 * and MongoDB (at-least-once delivery made idempotent by the event position stored with each
 * document). Both pass the contract suite in `test/contract/`.
 */

export { ReadQueryTimeoutError } from './read-query-timeout-error';

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
  /** Time budget in ms: a query that runs longer throws ReadQueryTimeoutError; 0 or less throws before any work. */
  readonly maxTimeMs?: number;
}

export interface Page<T> {
  readonly items: T[];
  /** The cursor of each item, in order: paging `after` any of them continues right behind it. */
  readonly cursors: string[];
  /** Cursor of the last item, to pass as `after`; undefined for an empty page. */
  readonly endCursor?: string;
  readonly hasNextPage: boolean;
}

/**
 * Declares a collection: which fields can be filtered/sorted on and which are full-text searchable.
 * Each index field holds one kind of value (strings, numbers or booleans; null or missing besides;
 * an array's elements count as its values), fixed by the first write and forgotten by a reset: the
 * stores order mixed kinds differently, so a write of another kind is refused. Names the stores keep
 * for themselves (`collections`, `checkpoints`, `collection_versions`, any holding `__`) are refused.
 */
export interface CollectionSpec {
  readonly name: string;
  readonly indexes: readonly string[];
  readonly textFields?: readonly string[];
}

/**
 * One facet, counted among the documents the query matches and, given a `filter`, that also meet
 * it (a facet of its own criteria: say the price bands under a price cap while the licence counts
 * beside them each use their own cap): the distinct values of an indexed field (the `limit` most
 * frequent, 10 by default); the count per numeric bucket: edges `[0, 10, 50]` mean [0,10),
 * [10,50), [50, ∞), values below the first edge and non-numbers not counted; or, without a field,
 * how many documents there are (`{ filter: {} }`: every match, the total).
 */
export type FacetSpec = ValueFacetSpec | BucketFacetSpec | CountFacetSpec;
export type FacetFilter = FindQuery['where'];
export interface ValueFacetSpec {
  readonly field: string;
  readonly limit?: number;
  readonly filter?: FacetFilter;
}
export interface BucketFacetSpec {
  readonly field: string;
  readonly buckets: readonly number[];
  readonly filter?: FacetFilter;
}
export interface CountFacetSpec {
  readonly filter: FacetFilter;
}

/** Facets by the name they are answered under. */
export type FacetRequest = Readonly<Record<string, FacetSpec>>;

export interface FacetCount {
  /** The field's value, or for a bucket its label: "0-10", "100+". */
  readonly value: Scalar;
  readonly count: number;
  /** buckets only: [from, to), to null for the last open bucket */
  readonly from?: number;
  readonly to?: number | null;
}

/**
 * Per facet name: distinct values by count descending, then value ascending (null and missing values
 * are not counted); every bucket in edge order, empty ones included; or, for a count, the number.
 */
export type FacetCounts<R extends FacetRequest = FacetRequest> = { readonly [Name in keyof R]: FacetAnswer<R[Name]> };
export type FacetAnswer<S extends FacetSpec> = S extends { readonly field: string } ? readonly FacetCount[] : number;

/** Options of the text-search-aware reads. `text` matches as `search` does: text without any word matches nothing. */
export interface TextQueryOptions {
  readonly text?: string;
  readonly maxTimeMs?: number;
}

/** A search: its page and, with a non-empty `sort`, the order of that page. */
export type SearchQuery = Pick<FindQuery, 'where' | 'first' | 'after' | 'sort'> & { readonly maxTimeMs?: number };

/** The documents to count facets among. */
export type FacetQuery = { readonly where?: FindQuery['where'] } & TextQueryOptions;

export interface ReadCollection<T extends ReadDocument = ReadDocument> {
  get(id: string): Promise<T | undefined>;
  find(query?: FindQuery): Promise<Page<T>>;
  /** Count of documents matching `where`, and the text search when `text` is given (same matching as `search`). */
  count(where?: FindQuery['where'], options?: TextQueryOptions): Promise<number>;
  /**
   * Full-text search over the declared text fields (documents containing any of the words), optionally
   * narrowed by `where`: best match first, or with a non-empty `sort` in that order (id tie-breaker,
   * cursors work as in `find`).
   */
  search(text: string, query?: SearchQuery): Promise<Page<T>>;
  /**
   * Facet counts among the documents matching `where` (and `text`), each narrowed by its own filter:
   * per facet name, the distinct values of an indexed field with their counts, numeric buckets, or a
   * count. A field whose stored value is an array counts each element. One request answers a whole
   * search summary (total, facets, counts under other criteria): adapters match the query once for all.
   */
  facets<R extends FacetRequest>(request: R, query?: FacetQuery): Promise<FacetCounts<R>>;
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
   * idempotent by the position guard). Refused as a whole (InvalidReadQueryError, nothing written)
   * when a write is malformed, uses a reserved field, or gives an index field another kind of value.
   */
  commit(projection: string, writes: readonly WriteOperation[], checkpoint: Checkpoint): Promise<void>;
  /** Drops every document of the collections, the kinds their index fields held and the projection's checkpoint (version included), for a rebuild from position zero. */
  reset(projection: string, collections: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
