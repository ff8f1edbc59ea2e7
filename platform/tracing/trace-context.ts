import { context, propagation, ROOT_CONTEXT, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';

/**
 * Goliath's tracer, looked up at each use rather than kept: a tracer kept from before a provider
 * was registered (or after one was shut down) would stay bound to the one it first saw.
 */
export function goliathTracer(): Tracer {
  return trace.getTracer('goliath');
}

/** W3C trace context as it travels in HTTP headers and is kept in event metadata. */
export interface TraceContextFields {
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/** Adds the active span's `traceparent` (and `tracestate`) to outgoing headers; nothing while tracing is off. */
export function injectTraceContext(headers: { set(name: string, value: string): unknown }): void {
  propagation.inject(context.active(), headers, { set: (carrier, name, value) => carrier.set(name, value) });
}

/** The active span's trace context, to store with what it writes; empty while tracing is off. */
export function activeTraceContext(): TraceContextFields {
  const fields: { traceparent?: string; tracestate?: string } = {};
  propagation.inject(context.active(), fields);
  return fields;
}

/** The context a stored or received `traceparent` names, to start spans under; the root context without one. */
export function contextFrom(fields: TraceContextFields | Readonly<Record<string, unknown>>): Context {
  return propagation.extract(ROOT_CONTEXT, fields);
}

/** Runs `work` and ends `span` after it; a failure is recorded on the span and thrown on. */
export async function endingSpan<T>(span: Span, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
