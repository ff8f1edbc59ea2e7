import { randomUUID } from 'node:crypto';
import { FakeEventStoreDbClient } from '../../../test/support/fake-eventstoredb-client';
import { eventually } from '../../../test/support/eventually';
import { SessionRevocationList, type SessionRevocation } from '../../auth/session-revocations';
import { createLogger } from '../../logging';
import type { EventStore, NewEvent, RecordedEvent } from '../port';
import { eventStoreDbStoreOver } from './eventstoredb-event-store';

/**
 * The adapter over the client's own stream classes and an in-memory server that behaves as
 * EventStoreDB's does where the adapter used to go wrong: quiet logs, the server's own events
 * after the last append, forgotten event ids, scavenged resume positions.
 */
describe('EventStoreDB adapter against the server behaviour it must survive', () => {
  let server: FakeEventStoreDbClient;
  let store: EventStore;

  beforeEach(() => {
    server = new FakeEventStoreDbClient();
    store = eventStoreDbStoreOver(server.client);
  });

  afterEach(async () => {
    await store.close();
  });

  describe('catching up on a quiet log', () => {
    it('reports the head once caught up, though the server sent no checkpoint', async () => {
      await store.append('invoice-1', [newEvent('InvoiceIssued')], 'no-stream');
      const head = await store.headPosition();
      const checkpoints: number[] = [];

      const subscription = store.subscribeToAll({ filter: { categories: ['session'] }, onCheckpoint: (position) => checkpoints.push(position) });
      const pending = subscription[Symbol.asyncIterator]().next();
      await eventually(() => expect(checkpoints).toEqual([head]));
      await subscription.close();

      await expect(pending).resolves.toEqual({ done: true, value: undefined });
    });

    it('lets the session-revocation follower start, which waits for the head', async () => {
      await store.append('tenant-1', [newEvent('TenantCreated')], 'no-stream');
      await store.append('invoice-1', [newEvent('InvoiceIssued')], 'no-stream');

      const following = SessionRevocationList.follow(store, {
        filter: { categories: ['session'] },
        revocationOf: (event) => event.data as Partial<SessionRevocation>,
        logger: createLogger('test', 'silent'),
        retainAfterExpiryMs: 60_000,
        catchUpTimeoutMs: 3_000,
      });

      const list = await following;
      await list.stop();
      expect(list.size).toBe(0);
    });
  });

  describe("the server's own events after the last append", () => {
    it('never reports a checkpoint beyond the head, though the server lands one on a link event', async () => {
      const checkpoints: number[] = [];
      const subscription = store.subscribeToAll({ filter: { categories: ['order'] }, onCheckpoint: (position) => checkpoints.push(position) });
      const consuming = drain(subscription);

      // Standard projections link every event into $ce-<category>: 16 appends and 16 links make the server's 32-event window.
      for (let n = 0; n < 16; n++) {
        await store.append(`invoice-${n}`, [newEvent('InvoiceIssued')], 'no-stream');
        server.writeSystemEvent('$ce-invoice', '$>');
      }
      const head = await store.headPosition();
      await eventually(() => expect(checkpoints.length).toBeGreaterThan(0));
      await subscription.close();
      await consuming;

      expect(Math.max(...checkpoints)).toBe(head);
    });
  });

  describe('retries after the server forgot the event ids', () => {
    it.each(['any', 'stream-exists'] as const)('stores a retried append with %s once', async (expectedRevision) => {
      await store.append('order-1', [newEvent('OrderPlaced')], 'no-stream');
      const events = [newEvent('OrderPaid'), newEvent('OrderShipped')];
      const original = await store.append('order-1', events, expectedRevision);
      server.forgetRecentEventIds();

      const retried = await store.append('order-1', events, expectedRevision);

      expect(retried).toEqual(original);
      expect((await store.readStream('order-1')).map((event) => event.type)).toEqual(['OrderPlaced', 'OrderPaid', 'OrderShipped']);
      expect(server.writes).toBe(2);
    });

    it('still appends with any when another writer got in first', async () => {
      await store.append('order-1', [newEvent('OrderPlaced')], 'no-stream');
      await store.append('order-1', [newEvent('OrderPaid')], 'any');

      const result = await store.append('order-1', [newEvent('OrderShipped')], 'any');

      expect(result.nextExpectedRevision).toBe(2);
    });
  });

  describe('resuming where the server scavenged the checkpoint', () => {
    it('delivers the event after a scavenged resume position instead of skipping it', async () => {
      await store.append('order-1', [newEvent('OrderPlaced'), newEvent('OrderPaid'), newEvent('OrderShipped'), newEvent('OrderDelivered')], 'no-stream');
      const [, paid] = await store.readStream('order-1');
      server.scavenge((record) => record.position === paid!.position);

      const resumed = await take(store.subscribeToAll({ after: paid!.position, filter: { categories: ['order'] } }), 2);

      expect(resumed.map((event) => event.type)).toEqual(['OrderShipped', 'OrderDelivered']);
    });

    it('resumes right after an event that is still there', async () => {
      await store.append('order-1', [newEvent('OrderPlaced'), newEvent('OrderPaid'), newEvent('OrderShipped')], 'no-stream');
      const [placed] = await store.readStream('order-1');

      const resumed = await take(store.subscribeToAll({ after: placed!.position }), 2);

      expect(resumed.map((event) => event.type)).toEqual(['OrderPaid', 'OrderShipped']);
    });
  });
});

function newEvent(type: string): NewEvent {
  return {
    id: randomUUID(),
    type,
    data: {},
    metadata: { tenantId: 'tenant-1', actor: 'user:ada', correlationId: randomUUID(), causationId: randomUUID(), occurredAt: '2026-11-26T10:15:30.123Z', schemaVersion: 1 },
  };
}

async function drain(events: AsyncIterable<RecordedEvent>): Promise<void> {
  for await (const event of events) void event;
}

async function take(subscription: AsyncIterable<RecordedEvent> & { close(): Promise<void> }, count: number): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  for await (const event of subscription) {
    received.push(event);
    if (received.length === count) break;
  }
  await subscription.close();
  return received;
}
