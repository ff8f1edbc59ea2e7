import { context, diag, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TracingSettings } from '../config';
import type { Logger } from '../logging';
import { CorrelationSpanProcessor } from './correlation-span-processor';

export interface Tracing {
  /** Exports the spans still buffered, then unregisters the provider. Safe to call more than once. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { shutdown: async () => undefined };

/** The provider is process-wide (the OTel API's globals), so is this. */
let running: Tracing | undefined;

/**
 * Registers the process's tracer provider when `settings` say where to export, and nothing at all
 * otherwise: every span Goliath (or `@apollo/gateway`) starts is then the API's no-op. Spans are
 * batched and sent over OTLP/HTTP as JSON; trace context travels as W3C `traceparent`/`tracestate`.
 * OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES override the name given here; the exporter reads
 * OTEL_EXPORTER_OTLP_HEADERS (and its timeout and compression) and the provider OTEL_TRACES_SAMPLER
 * themselves. A second call while tracing runs answers the running one.
 */
export function startTracing(serviceName: string, settings: TracingSettings | undefined, logger: Pick<Logger, 'warn'>): Tracing {
  if (!settings) return OFF;
  if (running) return running;
  const provider = new NodeTracerProvider({
    resource: defaultResource()
      .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }))
      .merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: [new CorrelationSpanProcessor(), new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }))],
  });
  // The SDK reports failed exports only through diag: an unreachable collector shows in the log.
  const warn = (message: string, ...args: unknown[]) => logger.warn({ details: args }, `tracing: ${message}`);
  diag.setLogger({ error: warn, warn, info: () => undefined, debug: () => undefined, verbose: () => undefined }, DiagLogLevel.WARN);
  provider.register({ propagator: new W3CTraceContextPropagator() });
  let stopped: Promise<void> | undefined;
  const tracing: Tracing = {
    shutdown: () =>
      (stopped ??= provider.shutdown().finally(() => {
        trace.disable();
        context.disable();
        propagation.disable();
        diag.disable();
        running = undefined;
      })),
  };
  running = tracing;
  return tracing;
}
