import type { EventFilter, RecordedEvent } from '../eventstore/port';
import type { ReadDocument } from '../readstore/port';

/**
 * The shape of a projection as replay needs it. It mirrors `projections/projection.ts`, which
 * platform/ may not import (DESIGN §2): the platform's projections satisfy it as they are, and the
 * process that hosts the subgraphs hands them in (SubgraphDependencies.readModelProjections).
 */
export interface ReplayProjection {
  readonly name: string;
  readonly collections: readonly { readonly name: string }[];
  readonly filter?: EventFilter;
  handle(event: RecordedEvent, context: ReplayContext): Promise<void> | void;
}

/** What a projection handler does with read models (the same methods as ProjectionContext). */
export interface ReplayContext {
  get<T extends ReadDocument = ReadDocument>(collection: string, id: string): Promise<T | undefined>;
  upsert(collection: string, doc: ReadDocument): void;
  patch(collection: string, id: string, fields: Readonly<Record<string, unknown>>): void;
  delete(collection: string, id: string): void;
}
