import { SpanKind } from '@opentelemetry/api';
import type { RecordedEvent } from '../eventstore/port';
import { SpanAttribute } from './span-attributes';
import { contextFrom, endingSpan, goliathTracer } from './trace-context';

/**
 * Runs a projection's fold of one event in a span of the trace that appended the event (the
 * `traceparent` in its metadata, see `withAppendSpans`), so a mutation's trace goes on into the
 * read models it changes. An event stored without one (before tracing was on) gets no span: a
 * rebuild over such a log would otherwise send a trace of its own for every event and projection.
 */
export async function inProjectionSpan<T>(projection: string, event: RecordedEvent, fold: () => T | Promise<T>): Promise<T> {
  if (event.metadata.traceparent === undefined) return fold();
  const attributes = {
    [SpanAttribute.Projection]: projection,
    [SpanAttribute.EventType]: event.type,
    [SpanAttribute.StreamId]: event.streamId,
    [SpanAttribute.Position]: event.position,
    [SpanAttribute.CorrelationId]: event.metadata.correlationId,
    [SpanAttribute.TenantId]: event.metadata.tenantId,
  };
  return goliathTracer().startActiveSpan(`projection ${projection}`, { kind: SpanKind.CONSUMER, attributes }, contextFrom(event.metadata), (span) => endingSpan(span, fold));
}
