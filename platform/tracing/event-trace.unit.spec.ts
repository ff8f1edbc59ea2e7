import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { EventStore, NewEvent, RecordedEvent } from '../eventstore/port';
import { inProjectionSpan } from './projection-span';
import { withAppendSpans } from './traced-event-store';

const METADATA = { tenantId: 'tenant-1', actor: 'user:ada', correlationId: 'correlation-1', causationId: 'correlation-1', occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 };
const EVENT: NewEvent = { id: 'event-1', type: 'TenantCreated', data: { name: 'Acme' }, metadata: METADATA };

/** A store that keeps what is appended, as it is handed over. */
function recordingStore(): { store: EventStore; appended: NewEvent[] } {
  const appended: NewEvent[] = [];
  const store = {
    async append(_streamId: string, events: readonly NewEvent[]) {
      appended.push(...events);
      return { nextExpectedRevision: appended.length - 1, position: appended.length };
    },
  } as unknown as EventStore;
  return { store, appended };
}

function recorded(event: NewEvent, position = 1): RecordedEvent {
  return { ...event, streamId: 'tenant-1', revision: position - 1, position, recordedAt: METADATA.occurredAt };
}

describe('an append and the projections folding its events, traced', () => {
  describe('with tracing off', () => {
    it('appends the events as given and folds them without a span', async () => {
      const { store, appended } = recordingStore();

      await withAppendSpans(store).append('tenant-1', [EVENT], 'no-stream');
      const folded = await inProjectionSpan('tenants', recorded(appended[0]), () => trace.getActiveSpan());

      expect(appended).toEqual([EVENT]);
      expect(folded).toBeUndefined();
    });
  });

  describe('with a tracer provider registered', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    beforeAll(() => provider.register());
    afterAll(async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    });
    beforeEach(() => exporter.reset());

    it("stores the append span's trace context in each event's metadata", async () => {
      const { store, appended } = recordingStore();

      await withAppendSpans(store).append('tenant-1', [EVENT, { ...EVENT, id: 'event-2' }], 'no-stream');

      const [append] = exporter.getFinishedSpans();
      expect(append).toMatchObject({ name: 'eventstore.append', attributes: expect.objectContaining({ 'goliath.correlation_id': 'correlation-1', 'goliath.position': 2 }) });
      const traceparent = `00-${append.spanContext().traceId}-${append.spanContext().spanId}-01`;
      expect(appended.map((event) => event.metadata)).toEqual([
        { ...METADATA, traceparent },
        { ...METADATA, traceparent },
      ]);
    });

    it('folds an event in a span whose parent is the append that stored it, and only an event stored with a trace context', async () => {
      const { store, appended } = recordingStore();
      await withAppendSpans(store).append('tenant-1', [EVENT], 'no-stream');

      await inProjectionSpan('tenants', recorded(appended[0]), () => undefined);
      await inProjectionSpan('tenants', recorded(EVENT), () => undefined);

      const [append, projection, ...others] = exporter.getFinishedSpans();
      expect(others).toEqual([]);
      expect(projection).toMatchObject({ name: 'projection tenants', attributes: expect.objectContaining({ 'goliath.projection': 'tenants', 'goliath.correlation_id': 'correlation-1' }) });
      expect(projection.spanContext().traceId).toBe(append.spanContext().traceId);
      expect(projection.parentSpanContext?.spanId).toBe(append.spanContext().spanId);
    });
  });
});
