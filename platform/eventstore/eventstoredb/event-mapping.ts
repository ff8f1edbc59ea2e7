import { jsonEvent, type EventData, type JSONType, type RecordedEvent as ServerRecordedEvent } from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '../port';
import { toPortPosition } from './positions';

export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    // The client serialises with JSON.stringify, which accepts any JSON value, not only objects.
    data: (event.data ?? null) as JSONType,
    metadata: event.metadata as unknown as JSONType,
  });
}

/** System events (`$`-prefixed types, or `$`-prefixed streams such as `$ce-…` and metadata streams) never reach the port. */
export function isSystemEvent(event: Pick<ServerRecordedEvent, 'type' | 'streamId'>): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * Maps a stored event. `fallbackCommit` is the commit position the server attaches to the resolved
 * event; reads of single streams only carry positions on servers from 22.6 on.
 */
export function toRecordedEvent(event: ServerRecordedEvent, fallbackCommit?: bigint): RecordedEvent {
  const position = toPortPosition(event.position?.commit ?? fallbackCommit);
  if (position === undefined) {
    throw new Error(`EventStoreDB returned event ${event.id} without a position; this adapter needs EventStoreDB 22.6 or later`);
  }
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    type: event.type,
    data: event.data as unknown,
    metadata: event.metadata as unknown as EventMetadata,
    recordedAt: event.created.toISOString(),
  };
}
