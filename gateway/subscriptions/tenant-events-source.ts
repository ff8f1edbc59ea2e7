import type { EventStore, RecordedEvent } from '../../platform/eventstore/port';
import type { TenantEventMessage } from '../../schema/graphql/tenant-event-message';

/**
 * The live events of one tenant, from the event store (not an in-process pub/sub, so events
 * appended by subgraphs in other processes arrive too). Starts at the head of the log: a
 * subscriber sees what happens after it subscribed.
 */
export async function* tenantEvents(eventStore: EventStore, tenantId: string): AsyncGenerator<{ tenantEvents: TenantEventMessage }> {
  const subscription = eventStore.subscribeToAll({ after: await eventStore.headPosition() });
  try {
    for await (const event of subscription) {
      if (event.metadata.tenantId === tenantId) yield { tenantEvents: toMessage(event) };
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
