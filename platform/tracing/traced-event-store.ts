import { SpanKind } from '@opentelemetry/api';
import type { EventStore, NewEvent } from '../eventstore/port';
import { decorateAppend } from '../eventstore/decorate-append';
import { SpanAttribute } from './span-attributes';
import { activeTraceContext, endingSpan, goliathTracer } from './trace-context';

/**
 * The event store with a span around each append, whose trace context is stored in the appended
 * events' metadata (`traceparent`, `tracestate`): the projections that fold them continue that
 * trace (`inProjectionSpan`). Everything else passes through. With tracing off the span is the API's
 * no-op and the events are appended as given.
 */
export function withAppendSpans(store: EventStore): EventStore {
  return decorateAppend(store, (streamId, events, expectedRevision) => {
    const [first] = events;
    const attributes = {
      [SpanAttribute.StreamId]: streamId,
      [SpanAttribute.EventTypes]: [...new Set(events.map((event) => event.type))],
      ...(first && {
        [SpanAttribute.CorrelationId]: first.metadata.correlationId,
        [SpanAttribute.TenantId]: first.metadata.tenantId,
      }),
    };
    return goliathTracer().startActiveSpan('eventstore.append', { kind: SpanKind.PRODUCER, attributes }, (span) =>
      endingSpan(span, async () => {
        const result = await store.append(streamId, withTraceContext(events), expectedRevision);
        span.setAttribute(SpanAttribute.Position, result.position);
        return result;
      }),
    );
  });
}

function withTraceContext(events: readonly NewEvent[]): readonly NewEvent[] {
  const traceContext = activeTraceContext();
  if (traceContext.traceparent === undefined) return events;
  return events.map((event) => ({
    ...event,
    metadata: { ...event.metadata, ...traceContext },
  }));
}
