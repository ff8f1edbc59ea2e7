import type { EventStore, RecordedEvent } from '../../platform/eventstore/port';
import type { TenantEventMessage } from '../../schema/graphql/tenant-event-message';
import { subscribePaced, type SubscriberPace } from './subscriber-pace';

export interface TenantEventsRequest {
  readonly tenantId: string;
  /** Which of the tenant's events this subscriber may see (stream-visibility.ts); the others are skipped. */
  readonly canRead: (event: RecordedEvent) => boolean;
  /** Only these event types (selected by the store too); every type when absent. */
  readonly eventTypes?: readonly string[];
  /** Ends the stream: its event-store subscription is closed at once. */
  readonly signal: AbortSignal;
  readonly pace: SubscriberPace;
}

/**
 * The live events of one tenant, from the event store (not an in-process pub/sub, so events
 * appended by subgraphs in other processes arrive too). Starts at the head of the log: a
 * subscriber sees what happens after it subscribed. The store selects the tenant's events (an
 * index on SQLite), so a feed's cost follows its own tenant's writes, not every tenant's.
 */
export async function* tenantEvents<Field extends string = 'tenantEvents'>(
  eventStore: EventStore,
  request: TenantEventsRequest,
  /** The subscription field the messages answer: tenantEvents, or a narrower feed such as constraintEvolutions. */
  field: Field = 'tenantEvents' as Field,
): AsyncGenerator<Record<Field, TenantEventMessage>> {
  const filter = { tenantId: request.tenantId, ...(request.eventTypes && { eventTypes: request.eventTypes }) };
  const subscription = subscribePaced(eventStore, { after: await eventStore.headPosition(), filter }, request.signal, request.pace);
  try {
    for await (const event of subscription) {
      if (request.canRead(event)) yield { [field]: eventMessage(event) } as Record<Field, TenantEventMessage>;
    }
  } finally {
    await subscription.close();
  }
}

/** A recorded event as a subscription message carries it. */
export function eventMessage(event: RecordedEvent): TenantEventMessage {
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
