import { context, propagation, trace } from '@opentelemetry/api';
import { createLogger } from '../logging';
import { startTracing, type Tracing } from './start-tracing';
import { goliathTracer, injectTraceContext } from './trace-context';

const silent = createLogger('tracing-test', 'silent');
// Nothing is exported in these tests: no span is ended, so the batch stays empty.
const settings = { tracesUrl: 'http://127.0.0.1:9/v1/traces' };

/** What a request would send on: the headers `injectTraceContext` sets while a span is active. */
function headersSentUnder(span: ReturnType<ReturnType<typeof goliathTracer>['startSpan']>): Map<string, string> {
  const headers = new Map<string, string>();
  context.with(trace.setSpan(context.active(), span), () => injectTraceContext(headers));
  return headers;
}

describe('startTracing', () => {
  let tracing: Tracing | undefined;
  afterEach(async () => {
    await tracing?.shutdown();
    tracing = undefined;
  });

  it('registers nothing without an endpoint: spans are the no-op and no trace context goes out', () => {
    tracing = startTracing('goliath', undefined, silent);
    const span = goliathTracer().startSpan('request');

    expect(span.isRecording()).toBe(false);
    expect(headersSentUnder(span).size).toBe(0);
    expect(propagation.fields()).toEqual([]);
  });

  it('registers a provider with an endpoint, whose spans record and send a W3C traceparent, until it is shut down', async () => {
    tracing = startTracing('goliath', settings, silent);
    const span = goliathTracer().startSpan('request');

    expect(span.isRecording()).toBe(true);
    expect(headersSentUnder(span).get('traceparent')).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);

    await tracing.shutdown();
    expect(goliathTracer().startSpan('after').isRecording()).toBe(false);
  });

  it('answers the running tracing when started again in the same process', () => {
    tracing = startTracing('goliath', settings, silent);

    expect(startTracing('goliath-gateway', settings, silent)).toBe(tracing);
  });
});
