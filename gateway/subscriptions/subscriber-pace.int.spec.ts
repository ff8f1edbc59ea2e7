import { eventLoopTurnsDuring } from '../../test/support/event-loop-turns';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, NewEvent } from '../../platform/eventstore/port';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import { subscribePaced, type SubscriberPace } from './subscriber-pace';
import { tenantEvents } from './tenant-events-source';

/** A WebSocket subscriber's reading of the real SQLite store: its tenant only, in turns, ended when too far behind. */
describe('subscriber pace', () => {
  let dir: string;
  let store: EventStore;
  let clockOffsetMs: number;
  const pace = (overrides: Partial<SubscriberPace> = {}): SubscriberPace => ({ bufferSize: 16, maxLagMs: 1000, now: () => Date.now() + clockOffsetMs, ...overrides });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'goliath-subscriber-pace-'));
    store = createSqliteEventStore({ file: join(dir, 'goliath.db'), pollIntervalMs: 20 });
    clockOffsetMs = 0;
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("follows one tenant's events, from the store's tenant filter", async () => {
    const signal = new AbortController();
    const feed = tenantEvents(store, { tenantId: 'acme', canRead: () => true, signal: signal.signal, pace: pace() });
    const first = feed.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.append(`tenant-${randomUUID()}`, [...events(2, 'globex'), ...events(1, 'acme')], 'no-stream');

    const { value } = await first;
    signal.abort();
    await feed.return(undefined);

    expect(value?.tenantEvents).toMatchObject({ type: 'Happened', data: { tenant: 'acme' } });
  });

  it('ends with SUBSCRIBER_TOO_SLOW once an event it would hand over is more than maxLagMs old', async () => {
    await store.append('order-1', events(3), 'no-stream');
    // Recorded before it subscribed: its lag counts from subscribing, so these are not too old.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const subscription = subscribePaced(store, {}, new AbortController().signal, pace({ maxLagMs: 20 }));
    const iterator = subscription[Symbol.asyncIterator]();

    expect((await iterator.next()).value?.position).toBe(1);
    clockOffsetMs = 5_000;
    const ending = await iterator.next().then(
      () => undefined,
      (error: unknown) => error as { extensions: Record<string, unknown> },
    );
    await subscription.close();

    expect(ending?.extensions).toMatchObject({ code: 'SUBSCRIBER_TOO_SLOW', maxLagMs: 20 });
  });

  it('reads nothing more for a client that is gone', async () => {
    await store.append('order-1', events(50), 'no-stream');
    let connected = true;
    const received = [];
    const subscription = subscribePaced(store, {}, new AbortController().signal, pace({ connected: () => connected }));
    for await (const event of subscription) {
      received.push(event);
      if (received.length === 5) connected = false;
    }

    expect(received).toHaveLength(5);
  });

  it('lets the event loop turn after every bufferSize events it hands over', async () => {
    await store.append('order-1', events(320), 'no-stream');
    const turns = await eventLoopTurnsDuring(async () => {
      let received = 0;
      for await (const _event of subscribePaced(store, {}, new AbortController().signal, pace({ bufferSize: 16 }))) {
        if (++received === 320) break;
      }
    });

    expect(turns).toBeGreaterThanOrEqual(15);
  });
});

function events(count: number, tenantId = 'acme'): NewEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    type: 'Happened',
    data: { n: index, tenant: tenantId },
    metadata: { tenantId, actor: 'user:ada', correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1 },
  }));
}
