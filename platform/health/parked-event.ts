import type { CollectionSpec, ReadDocument } from '../readstore/port';

export type ParkedEventStatus = 'parked' | 'retried' | 'skipped';

/**
 * The dead-letter record of an event a projection could not fold (a handler or commit error that
 * happens again on its own, not a busy or full store). The projection runner writes it in the
 * commit that moves the checkpoint past the event, so the projection goes on; operators retry or
 * skip it (events in `deadletter-<projection>`), and the runner records the outcome here.
 */
export interface ParkedEventDocument extends ReadDocument {
  /** `<projection>:<position>`, as operators name it (parkedEventId). */
  readonly id: string;
  readonly projection: string;
  readonly eventId: string;
  readonly position: number;
  readonly streamId: string;
  /** The event's revision in its stream, to read it back for a retry. */
  readonly revision: number;
  readonly eventType: string;
  readonly tenantId: string;
  /** The last failure: the event's own first, then each failed retry's. */
  readonly error: string;
  readonly attempts: number;
  readonly status: ParkedEventStatus;
  readonly parkedAt: string;
  readonly lastAttemptAt: string;
  readonly resolvedAt?: string;
  /** The operator who retried or skipped it (the actor of the request). */
  readonly resolvedBy?: string;
  /** Why it was skipped, as the operator said. */
  readonly reason?: string;
}

/** Errors are cut here: a record is for an operator to read, not a stack dump. */
export const PARKED_ERROR_MAX_LENGTH = 2_000;

/**
 * Each projection's dead letters are a collection of their own, which the runner resets with the
 * projection's read model on a rebuild (the replay parks again what still fails).
 */
export function parkedEventsCollection(projection: string): string {
  return `parked_${projection.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

export function parkedEventsCollectionSpec(projection: string): CollectionSpec {
  return { name: parkedEventsCollection(projection), indexes: ['status', 'position'] };
}

export function parkedEventId(projection: string, position: number): string {
  return `${projection}:${position}`;
}

/** The projection and position an operator's id names; undefined when it is not one. */
export function parseParkedEventId(id: string): { readonly projection: string; readonly position: number } | undefined {
  const colon = id.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const position = Number(id.slice(colon + 1));
  if (!Number.isSafeInteger(position) || position < 0 || id.slice(colon + 1) !== String(position)) return undefined;
  return { projection: id.slice(0, colon), position };
}
