import type { EventStore, RecordedEvent } from '../../platform/eventstore/port';
import type { TenantEventMessage } from '../../schema/graphql/tenant-event-message';
import { subscribeUntil } from './until-aborted';

export interface TenantEventsRequest {
  readonly tenantId: string;
  /** Which of the tenant's events this subscriber may see (stream-visibility.ts); the others are skipped. */
  readonly canRead: (event: RecordedEvent) => boolean;
  /** Ends the stream: its event-store subscription is closed at once. */
  readonly signal: AbortSignal;
}

/**
 * The live events of one tenant, from the event store (not an in-process pub/sub, so events
 * appended by subgraphs in other processes arrive too). Starts at the head of the log: a
 * subscriber sees what happens after it subscribed.
 */
export async function* tenantEvents(eventStore: EventStore, request: TenantEventsRequest): AsyncGenerator<{ tenantEvents: TenantEventMessage }> {
  const subscription = subscribeUntil(eventStore, { after: await eventStore.headPosition() }, request.signal);
  try {
    for await (const event of subscription) {
      if (event.metadata.tenantId === request.tenantId && request.canRead(event)) yield { tenantEvents: toMessage(event) };
    }
  } finally {
    await subscription.close();
  }
}

function toMessage(event: RecordedEvent): TenantEventMessage {
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    position: event.position,
    occurredAt: event.metadata.occurredAt,
    actor: event.metadata.actor,
    correlationId: event.metadata.correlationId,
    data: event.data,
  };
}
