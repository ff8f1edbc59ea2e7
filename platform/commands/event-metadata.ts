import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '../eventstore/port';

/** Who caused an event, why and when: everything of its metadata but the schema version. */
export interface EventOrigin {
  readonly tenantId: string;
  readonly actor: string;
  readonly correlationId: string;
  /** Id of the request or event that caused it. */
  readonly causationId: string;
  readonly occurredAt: Date;
}

/**
 * The one place an event's metadata is built (DESIGN.md §3): every writer — the command path,
 * the audit chain, the sign-in records — goes through here, so no event lacks a field.
 */
export function eventMetadata(origin: EventOrigin, schemaVersion: number, extra: Readonly<Record<string, unknown>> = {}): EventMetadata {
  return {
    ...extra,
    tenantId: origin.tenantId,
    actor: origin.actor,
    correlationId: origin.correlationId,
    causationId: origin.causationId,
    occurredAt: origin.occurredAt.toISOString(),
    schemaVersion,
  };
}

/** A new event with a fresh id (a retried append of the same object is stored once). */
export function newEvent<Type extends string, Data>(
  event: { readonly type: Type; readonly data: Data },
  origin: EventOrigin,
  schemaVersion: number,
  extra?: Readonly<Record<string, unknown>>,
): NewEvent<Type, Data> {
  return { id: randomUUID(), type: event.type, data: event.data, metadata: eventMetadata(origin, schemaVersion, extra) };
}
