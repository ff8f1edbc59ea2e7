import type { ExpectedRevision, NewEvent } from './port';

export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
}

/** Refuses malformed appends before they reach the write queue, so one bad caller cannot fail a whole group commit. */
export function validateAppendRequest({ streamId, events, expectedRevision }: AppendRequest): void {
  validateStreamId(streamId);
  if (!Array.isArray(events) || events.length === 0) throw new RangeError(`Append to ${streamId} needs at least one event`);
  const ids = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || event.id.length === 0) throw new TypeError(`Every event appended to ${streamId} needs an id`);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`Event ${event.id} needs a type`);
    if (ids.has(event.id)) throw new RangeError(`Event id ${event.id} appears twice in one append to ${streamId}`);
    ids.add(event.id);
  }
  const knownKind = expectedRevision === 'no-stream' || expectedRevision === 'stream-exists' || expectedRevision === 'any';
  if (!knownKind && !(Number.isSafeInteger(expectedRevision) && expectedRevision >= 0)) {
    throw new RangeError(`Invalid expected revision ${String(expectedRevision)} for ${streamId}`);
  }
}

/**
 * Streams are `category-id` (DESIGN.md §3). A stream without a category could never be selected
 * by a category filter on EventStoreDB, whose server filters on the prefix `category-`, and a
 * `$` stream is EventStoreDB's own, which no read returns: both are refused on every adapter, so
 * what one store delivers every store delivers.
 */
export function validateStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  if (!/^[^$-][^-]*-/.test(streamId)) {
    throw new TypeError(`Stream id ${JSON.stringify(streamId)} is not category-id: name a category (not starting with $), then '-', then the id, e.g. order-42`);
  }
}

export function satisfiesExpectedRevision(expected: ExpectedRevision, actual: number | 'no-stream'): boolean {
  return (
    expected === 'any' ||
    (expected === 'no-stream' && actual === 'no-stream') ||
    (expected === 'stream-exists' && actual !== 'no-stream') ||
    expected === actual
  );
}

/** Where an append with this expectation starts in its stream, when the expectation says so. */
export function firstRevisionExpected(expected: ExpectedRevision): number | undefined {
  if (expected === 'no-stream') return 0;
  return typeof expected === 'number' ? expected + 1 : undefined;
}
