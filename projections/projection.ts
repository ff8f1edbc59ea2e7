import type { EventFilter, RecordedEvent } from '../platform/eventstore/port';
import type { CollectionSpec, ReadDocument } from '../platform/readstore/port';

/**
 * What a projection handler may do with read models while it folds one event. Reads see the
 * committed state plus the writes already made in the current batch; writes are buffered and
 * committed together with the projection's checkpoint.
 */
export interface ProjectionContext {
  get<T extends ReadDocument = ReadDocument>(collection: string, id: string): Promise<T | undefined>;
  upsert(collection: string, doc: ReadDocument): void;
  patch(collection: string, id: string, fields: Readonly<Record<string, unknown>>): void;
  delete(collection: string, id: string): void;
}

/** One read model: the collections it owns, the events it wants, and how it folds each one. */
export interface Projection {
  /** Unique name; also the key of its checkpoint. */
  readonly name: string;
  /**
   * The version of the fold, 1 unless given. Raise it when the fold would now write differently
   * what it already wrote for events in the log (a new field, another spelling): the runner then
   * finds the read model built by another version and rebuilds it from position zero on start.
   */
  readonly version?: number;
  readonly collections: readonly CollectionSpec[];
  readonly filter?: EventFilter;
  handle(event: RecordedEvent, context: ProjectionContext): Promise<void> | void;
  /**
   * For a projection whose handler starts work outside the read store (the audit chainer's
   * appends): awaited after the batch's last event and before its checkpoint commits.
   */
  flush?(): Promise<void>;
}

export function foldVersion(projection: Projection): number {
  return projection.version ?? 1;
}
