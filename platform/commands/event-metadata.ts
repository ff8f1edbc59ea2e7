import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../eventstore/port';

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
 * A new event with a fresh id (a retried append of the same object is stored once). The one place
 * an event's metadata is built (DESIGN.md §3): the command path, the audit chain and the sign-in
 * records all go through here, so no event lacks a field.
 */
export function newEvent<Type extends string, Data>(
  event: { readonly type: Type; readonly data: Data },
  origin: EventOrigin,
  schemaVersion: number,
  extra: Readonly<Record<string, unknown>> = {},
): NewEvent<Type, Data> {
  const { tenantId, actor, correlationId, causationId, occurredAt } = origin;
  return { id: randomUUID(), type: event.type, data: event.data, metadata: { ...extra, tenantId, actor, correlationId, causationId, occurredAt: occurredAt.toISOString(), schemaVersion } };
}
