import type { DomainEvent } from '../../platform/commands/decider';

/**
 * Operators' decisions about the events a projection parked, in `deadletter-<projection>` streams.
 * The projection runner follows them in log order and acts: a retry folds the parked event again,
 * a skip closes its dead-letter record.
 */
export const DEADLETTER_CATEGORY = 'deadletter';
export const deadLetterStreamId = (projection: string): string => `${DEADLETTER_CATEGORY}-${projection}`;

export type ParkedEventRetryRequested = DomainEvent<
  'ParkedEventRetryRequested',
  { readonly projection: string; readonly position: number; readonly eventId: string; readonly requestedAt: string }
>;
export type ParkedEventSkipped = DomainEvent<
  'ParkedEventSkipped',
  { readonly projection: string; readonly position: number; readonly eventId: string; readonly reason: string; readonly skippedAt: string }
>;
export type DeadLetterEvent = ParkedEventRetryRequested | ParkedEventSkipped;

export const DEADLETTER_EVENT_TYPES: readonly DeadLetterEvent['type'][] = ['ParkedEventRetryRequested', 'ParkedEventSkipped'];

/** Current schema version of each event type; a changed shape gets a new version and an upcaster in ./upcasters.ts. */
export const DEADLETTER_EVENT_VERSIONS: Readonly<Record<DeadLetterEvent['type'], number>> = {
  ParkedEventRetryRequested: 1,
  ParkedEventSkipped: 1,
};
