import { randomBytes, randomUUID } from 'node:crypto';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type EventSubscription,
  type NewEvent,
  type RecordedEvent,
} from '../../platform/eventstore/port';

/**
 * The longest the suite waits for one thing (an event, a checkpoint) before failing with its own
 * message; jest's per-test timeout must be well above it (.github/workflows/ci.yml), since a test
 * may wait several times.
 */
export const CONTRACT_WAIT_MS = 5000;

export interface EventStoreUnderTest {
  readonly store: EventStore;
  cleanup(): Promise<void>;
}

/**
 * The one suite both event-store adapters pass. Every test writes to its own categories and
 * streams (random suffixes) and reads the global log only after the head it saw, so the suite
 * also runs against a shared EventStoreDB server.
 */
export function eventStoreContract(name: string, makeStore: () => Promise<EventStoreUnderTest>): void {
  describe(`${name} event store (contract)`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    describe('append with an expected revision', () => {
      it('creates a stream when no stream is expected', async () => {
        const streamId = newStreamId();

        const result = await store.append(streamId, [newEvent('OrderPlaced')], 'no-stream');

        expect(result.nextExpectedRevision).toBe(0);
        expect(await revisionsOf(streamId)).toEqual([0]);
      });

      it('refuses no-stream when the stream exists, reporting its actual revision', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent('OrderPlaced')], 'no-stream');

        const conflict = await conflictOf(store.append(streamId, [newEvent('OrderPlaced')], 'no-stream'));

        expect(conflict).toMatchObject({ streamId, expected: 'no-stream', actual: 0, code: 'WRONG_EXPECTED_REVISION' });
        expect(await revisionsOf(streamId)).toEqual([0]);
      });

      it('appends at the exact revision it was told and refuses a stale one', async () => {
        const streamId = newStreamId();
        const first = await store.append(streamId, [newEvent('OrderPlaced')], 'no-stream');

        const second = await store.append(streamId, [newEvent('OrderPaid'), newEvent('OrderShipped')], first.nextExpectedRevision);
        const conflict = await conflictOf(store.append(streamId, [newEvent('OrderCancelled')], first.nextExpectedRevision));

        expect(second.nextExpectedRevision).toBe(2);
        expect(conflict).toMatchObject({ streamId, expected: 0, actual: 2 });
        expect(await revisionsOf(streamId)).toEqual([0, 1, 2]);
      });

      it('refuses stream-exists for a missing stream and accepts it for an existing one', async () => {
        const streamId = newStreamId();

        const conflict = await conflictOf(store.append(streamId, [newEvent('OrderPaid')], 'stream-exists'));
        await store.append(streamId, [newEvent('OrderPlaced')], 'no-stream');
        const result = await store.append(streamId, [newEvent('OrderPaid')], 'stream-exists');

        expect(conflict).toMatchObject({ streamId, expected: 'stream-exists', actual: 'no-stream' });
        expect(result.nextExpectedRevision).toBe(1);
      });

      it('accepts any revision whether or not the stream exists', async () => {
        const streamId = newStreamId();

        const created = await store.append(streamId, [newEvent('OrderPlaced')], 'any');
        const extended = await store.append(streamId, [newEvent('OrderPaid')], 'any');

        expect([created.nextExpectedRevision, extended.nextExpectedRevision]).toEqual([0, 1]);
      });

      it('refuses a stream id that is not category-id, storing nothing', async () => {
        const category = newCategory();

        for (const streamId of [category, `-${randomUUID()}`, `$${category}-${randomUUID()}`]) {
          await expect(store.append(streamId, [newEvent('OrderPlaced')], 'any')).rejects.toThrow(TypeError);
        }

        expect(await store.readStream(category)).toEqual([]);
      });

      it('refuses an append with no events', async () => {
        await expect(store.append(newStreamId(), [], 'any')).rejects.toThrow(RangeError);
      });

      it('gives each append a global position after the previous one', async () => {
        const first = await store.append(newStreamId(), [newEvent('OrderPlaced')], 'no-stream');
        const second = await store.append(newStreamId(), [newEvent('OrderPlaced'), newEvent('OrderPaid')], 'no-stream');

        expect(second.position).toBeGreaterThan(first.position);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(second.position);
      });
    });

    describe('idempotent retries', () => {
      it('stores a retried creation once and answers it with the original result', async () => {
        const streamId = newStreamId();
        const events = [newEvent('OrderPlaced'), newEvent('OrderPaid')];
        const original = await store.append(streamId, events, 'no-stream');

        const retried = await store.append(streamId, events, 'no-stream');

        expect(retried).toEqual(original);
        expect(await revisionsOf(streamId)).toEqual([0, 1]);
      });

      it('stores a retried append at an exact revision once', async () => {
        const streamId = newStreamId();
        const created = await store.append(streamId, [newEvent('OrderPlaced')], 'no-stream');
        const events = [newEvent('OrderPaid')];
        const original = await store.append(streamId, events, created.nextExpectedRevision);

        const retried = await store.append(streamId, events, created.nextExpectedRevision);

        expect(retried).toEqual(original);
        expect(await revisionsOf(streamId)).toEqual([0, 1]);
      });
      it.each(['any', 'stream-exists'] as const)('stores a retried append with %s once while its events are the last of the stream', async (expectedRevision) => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent('OrderPlaced')], 'no-stream');
        const events = [newEvent('OrderPaid'), newEvent('OrderShipped')];
        const original = await store.append(streamId, events, expectedRevision);

        const retried = await store.append(streamId, events, expectedRevision);

        expect(retried).toEqual(original);
        expect(await revisionsOf(streamId)).toEqual([0, 1, 2]);
      });
    });

    describe('reading a stream', () => {
      it('reads forwards from a revision, at most maxCount events', async () => {
        const streamId = await streamWithRevisions(5);

        const events = await store.readStream(streamId, { fromRevision: 1, maxCount: 2 });

        expect(events.map((event) => event.revision)).toEqual([1, 2]);
      });

      it('reads backwards from a revision, and from the end by default', async () => {
        const streamId = await streamWithRevisions(5);

        const fromThree = await store.readStream(streamId, { direction: 'backwards', fromRevision: 3, maxCount: 2 });
        const fromEnd = await store.readStream(streamId, { direction: 'backwards' });

        expect(fromThree.map((event) => event.revision)).toEqual([3, 2]);
        expect(fromEnd.map((event) => event.revision)).toEqual([4, 3, 2, 1, 0]);
      });

      it('reads nothing from a stream that does not exist', async () => {
        expect(await store.readStream(newStreamId())).toEqual([]);
      });

      it('round-trips data and every metadata field, and stamps when the store accepted the event', async () => {
        const streamId = newStreamId();
        const event = newEvent('OrderPlaced', { orderId: 'o-1', lines: [{ sku: 'qubo-50', quantity: 2 }], note: null });
        const before = Date.now();

        const { position } = await store.append(streamId, [event], 'no-stream');
        const [stored] = await store.readStream(streamId);

        expect(stored).toMatchObject({ id: event.id, type: 'OrderPlaced', streamId, revision: 0, position });
        expect(stored!.data).toEqual(event.data);
        expect(stored!.metadata).toEqual(event.metadata);
        expect(Date.parse(stored!.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
        expect(new Date(stored!.recordedAt).toISOString()).toBe(stored!.recordedAt);
      });
    });

    describe('reading the global log', () => {
      it('reads every event after a position, in order of position', async () => {
        const [orders, invoices] = [newStreamId(), newStreamId()];
        const first = await store.append(orders, [newEvent('OrderPlaced')], 'no-stream');
        await store.append(invoices, [newEvent('InvoiceIssued')], 'no-stream');
        await store.append(orders, [newEvent('OrderPaid')], 0);

        const read = ownEvents(await collect(store.readAll({ after: first.position })), [orders, invoices]);

        expect(read.map((event) => `${event.streamId === orders ? 'orders' : 'invoices'}:${event.type}`)).toEqual([
          'invoices:InvoiceIssued',
          'orders:OrderPaid',
        ]);
        expect(isStrictlyIncreasing(read.map((event) => event.position))).toBe(true);
      });

      it('stops after maxCount events', async () => {
        const head = await store.headPosition();
        await store.append(newStreamId(), [newEvent('A'), newEvent('B'), newEvent('C')], 'no-stream');

        const read = await collect(store.readAll({ after: head, maxCount: 2 }));

        expect(read).toHaveLength(2);
        expect(read.every((event) => event.position > head)).toBe(true);
      });
    });

    describe('subscribing to all', () => {
      it('catches up from a position and then delivers new events live', async () => {
        const category = newCategory();
        const head = await store.headPosition();
        const streamId = newStreamId(category);
        await store.append(streamId, [newEvent('OrderPlaced'), newEvent('OrderPaid')], 'no-stream');
        const subscription = track(store.subscribeToAll({ after: head, filter: { categories: [category] } }));
        const events = subscription[Symbol.asyncIterator]();

        const caughtUp = [await nextEvent(events), await nextEvent(events)];
        const liveEvent = nextEvent(events);
        await store.append(streamId, [newEvent('OrderShipped')], 1);

        expect(caughtUp.map((event) => event.type)).toEqual(['OrderPlaced', 'OrderPaid']);
        expect((await liveEvent).type).toBe('OrderShipped');
      });

      it('delivers only the categories asked for', async () => {
        const [wanted, other] = [newCategory(), newCategory()];
        const head = await store.headPosition();
        await store.append(newStreamId(other), [newEvent('Noise')], 'no-stream');
        await store.append(newStreamId(wanted), [newEvent('Signal1')], 'no-stream');
        await store.append(newStreamId(other), [newEvent('Noise')], 'no-stream');
        await store.append(newStreamId(wanted), [newEvent('Signal2')], 'no-stream');

        const received = await take(store.subscribeToAll({ after: head, filter: { categories: [wanted] } }), 2);

        expect(received.map((event) => event.type)).toEqual(['Signal1', 'Signal2']);
      });

      it('delivers only the event types asked for', async () => {
        const suffix = randomSuffix();
        const [placed, paid] = [`OrderPlaced${suffix}`, `OrderPaid${suffix}`];
        const head = await store.headPosition();
        await store.append(newStreamId(), [newEvent(placed), newEvent(paid), newEvent(`${placed}V2`)], 'no-stream');
        await store.append(newStreamId(), [newEvent(paid)], 'no-stream');

        const received = await take(store.subscribeToAll({ after: head, filter: { eventTypes: [paid] } }), 2);

        expect(received.map((event) => event.type)).toEqual([paid, paid]);
      });

      it('applies a category and a type filter together', async () => {
        const [wanted, other] = [newCategory(), newCategory()];
        const head = await store.headPosition();
        await store.append(newStreamId(wanted), [newEvent('OrderPlaced'), newEvent('OrderPaid')], 'no-stream');
        await store.append(newStreamId(other), [newEvent('OrderPaid')], 'no-stream');
        await store.append(newStreamId(wanted), [newEvent('OrderPaid', { second: true })], 'no-stream');

        const received = await take(
          store.subscribeToAll({ after: head, filter: { categories: [wanted], eventTypes: ['OrderPaid'] } }),
          2,
        );

        expect(received.map((event) => [event.type, event.data])).toEqual([
          ['OrderPaid', {}],
          ['OrderPaid', { second: true }],
        ]);
      });

      it('delivers only the tenant asked for', async () => {
        const [wanted, other] = [`tenant${randomSuffix()}`, `tenant${randomSuffix()}`];
        const head = await store.headPosition();
        await store.append(newStreamId(), [newEvent('Noise', {}, other), newEvent('Signal1', {}, wanted)], 'no-stream');
        await store.append(newStreamId(), [newEvent('Noise', {}, other)], 'no-stream');
        await store.append(newStreamId(), [newEvent('Signal2', {}, wanted)], 'no-stream');

        const received = await take(store.subscribeToAll({ after: head, filter: { tenantId: wanted } }), 2);

        expect(received.map((event) => [event.type, event.metadata.tenantId])).toEqual([
          ['Signal1', wanted],
          ['Signal2', wanted],
        ]);
      });

      it('applies a tenant and a category filter together', async () => {
        const [wanted, other] = [`tenant${randomSuffix()}`, `tenant${randomSuffix()}`];
        const [category, otherCategory] = [newCategory(), newCategory()];
        const head = await store.headPosition();
        await store.append(newStreamId(category), numbered(0, 40).map((event) => ({ ...event, metadata: { ...event.metadata, tenantId: other } })), 'no-stream');
        await store.append(newStreamId(otherCategory), [newEvent('OtherCategory', {}, wanted)], 'no-stream');
        await store.append(newStreamId(category), [newEvent('Signal', {}, wanted)], 'no-stream');

        const received = await take(
          store.subscribeToAll({ after: head, filter: { tenantId: wanted, categories: [category] } }),
          1,
        );

        expect(received.map((event) => event.type)).toEqual(['Signal']);
        expect(received[0]!.position).toBeGreaterThan(head);
      });

      it('resumes after a checkpoint with nothing skipped and nothing repeated', async () => {
        const category = newCategory();
        const head = await store.headPosition();
        const streamId = newStreamId(category);
        await store.append(streamId, numbered(0, 5), 'no-stream');
        const firstRun = await take(store.subscribeToAll({ after: head, filter: { categories: [category] } }), 3);
        const checkpoint = firstRun[firstRun.length - 1]!.position;
        await store.append(streamId, numbered(5, 7), 4);

        const secondRun = await take(store.subscribeToAll({ after: checkpoint, filter: { categories: [category] } }), 4);

        expect([...firstRun, ...secondRun].map((event) => event.data)).toEqual(numbered(0, 7).map((event) => event.data));
      });

      it('moves a filtered subscriber checkpoint past events it does not receive', async () => {
        const [wanted, other] = [newCategory(), newCategory()];
        const head = await store.headPosition();
        const checkpoints: number[] = [];
        const received: RecordedEvent[] = [];
        const subscription = track(
          store.subscribeToAll({ after: head, filter: { categories: [wanted] }, onCheckpoint: (position) => checkpoints.push(position) }),
        );
        const consuming = (async () => {
          for await (const event of subscription) received.push(event);
        })();

        // More than EventStoreDB's 32-event search window, so its server sends a checkpoint too.
        await store.append(newStreamId(other), numbered(0, 100), 'no-stream');
        await eventually(() => expect(checkpoints.length).toBeGreaterThan(0));
        await subscription.close();
        await consuming;

        expect(received).toEqual([]);
        expect(checkpoints[0]).toBeGreaterThan(head);
        expect(checkpoints[checkpoints.length - 1]).toBeLessThanOrEqual(await store.headPosition());
        expect(isStrictlyIncreasing(checkpoints)).toBe(true);
      });

      it('reports the head as a checkpoint once caught up, though nothing in the log is for it', async () => {
        const start = await store.headPosition();
        await store.append(newStreamId(), [newEvent('Noise')], 'no-stream');
        const head = await store.headPosition();
        const checkpoints: number[] = [];
        const subscription = track(
          store.subscribeToAll({ after: start, filter: { categories: [newCategory()] }, onCheckpoint: (position) => checkpoints.push(position) }),
        );
        const consuming = (async () => {
          for await (const event of subscription) throw new Error(`delivered ${event.type}, which is not in its category`);
        })();

        await eventually(() => expect(checkpoints[checkpoints.length - 1]).toBeGreaterThanOrEqual(head));
        await subscription.close();
        await consuming;

        expect(checkpoints[checkpoints.length - 1]).toBeLessThanOrEqual(await store.headPosition());
      });

      it('ends a pending iteration promptly when closed', async () => {
        const subscription = store.subscribeToAll({ after: await store.headPosition(), filter: { categories: [newCategory()] } });
        const pending = subscription[Symbol.asyncIterator]().next();

        await subscription.close();

        await expect(withTimeout(pending, 2000)).resolves.toEqual({ done: true, value: undefined });
      });
    });

    describe('stream metadata', () => {
      it('has none until set, then returns what was set', async () => {
        const streamId = await streamWithRevisions(1);

        const before = await store.getStreamMetadata(streamId);
        await store.setStreamMetadata(streamId, { maxCount: 10, owner: 'tenant-7', tags: ['audit'] });

        expect(before).toBeUndefined();
        expect(await store.getStreamMetadata(streamId)).toEqual({ maxCount: 10, owner: 'tenant-7', tags: ['audit'] });
      });

      it('hides events beyond maxCount when reading the stream, keeping revisions', async () => {
        const streamId = await streamWithRevisions(5);

        await store.setStreamMetadata(streamId, { maxCount: 2 });

        expect(await revisionsOf(streamId)).toEqual([3, 4]);
        expect((await store.append(streamId, [newEvent('OrderPaid')], 4)).nextExpectedRevision).toBe(5);
      });
    });

    const subscriptions: EventSubscription[] = [];
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
    });

    function track(subscription: EventSubscription): EventSubscription {
      subscriptions.push(subscription);
      return subscription;
    }

    async function streamWithRevisions(count: number): Promise<string> {
      const streamId = newStreamId();
      await store.append(streamId, numbered(0, count), 'no-stream');
      return streamId;
    }

    async function revisionsOf(streamId: string): Promise<number[]> {
      return (await store.readStream(streamId)).map((event) => event.revision);
    }

    /** The first `count` events of a subscription, which is then closed. */
    async function take(subscription: EventSubscription, count: number): Promise<RecordedEvent[]> {
      const received: RecordedEvent[] = [];
      try {
        await withTimeout(
          (async () => {
            for await (const event of subscription) {
              received.push(event);
              if (received.length === count) return;
            }
          })(),
          CONTRACT_WAIT_MS,
        );
      } finally {
        await subscription.close();
      }
      return received;
    }
  });
}

const metadata: EventMetadata = {
  tenantId: 'tenant-7',
  actor: 'user:ada',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: '2026-11-26T10:15:30.123Z',
  schemaVersion: 2,
};

function newEvent(type: string, data: unknown = {}, tenantId = metadata.tenantId): NewEvent {
  return { id: randomUUID(), type, data, metadata: { ...metadata, tenantId, correlationId: randomUUID() } };
}

/** Events whose data numbers them, for checking order and completeness. */
function numbered(from: number, to: number): NewEvent[] {
  return Array.from({ length: to - from }, (_, index) => newEvent('Numbered', { n: from + index }));
}

function randomSuffix(): string {
  return randomBytes(6).toString('hex');
}

/** A category no other test uses: letters and digits only, since the first '-' ends a category. */
function newCategory(): string {
  return `order${randomSuffix()}`;
}

function newStreamId(category = newCategory()): string {
  return `${category}-${randomUUID()}`;
}

async function conflictOf(append: Promise<unknown>): Promise<WrongExpectedRevisionError> {
  const error = await append.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  return error as WrongExpectedRevisionError;
}

async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const collected: RecordedEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

function ownEvents(events: RecordedEvent[], streamIds: string[]): RecordedEvent[] {
  return events.filter((event) => streamIds.includes(event.streamId));
}

async function nextEvent(events: AsyncIterator<RecordedEvent>): Promise<RecordedEvent> {
  const result = await withTimeout(events.next(), CONTRACT_WAIT_MS);
  if (result.done) throw new Error('The subscription ended before delivering an event');
  return result.value;
}

function isStrictlyIncreasing(values: number[]): boolean {
  return values.every((value, index) => index === 0 || value > values[index - 1]!);
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function eventually(assertion: () => void, ms = CONTRACT_WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
