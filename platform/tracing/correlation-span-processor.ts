import { trace, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { SpanAttribute } from './span-attributes';

/**
 * Gives every span the correlation id of the span it starts under, so spans Goliath does not
 * create itself (`@apollo/gateway`'s query planning and fetches) carry it too. Only a parent in
 * this process has attributes to read; a span under a remote parent (a subgraph's request span)
 * is given the id where it is created.
 */
export class CorrelationSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    if (span.attributes[SpanAttribute.CorrelationId] !== undefined) return;
    const parent = trace.getSpan(parentContext) as Partial<ReadableSpan> | undefined;
    const correlationId = parent?.attributes?.[SpanAttribute.CorrelationId];
    if (correlationId !== undefined) span.setAttribute(SpanAttribute.CorrelationId, correlationId);
  }

  onEnd(): void {}

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
