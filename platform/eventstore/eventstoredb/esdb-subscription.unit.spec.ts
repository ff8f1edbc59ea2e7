import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { eventually } from '../../../test/support/eventually';
import type { EventFilter, ReadAllOptions, RecordedEvent } from '../port';
import { EsdbSubscription, pushCheckpoint, type SubscriptionSource } from './esdb-subscription';

/**
 * The subscription wrapper, driven by an object-mode stream standing in for the client's
 * subscription (no server here): what it delivers, when it reports checkpoints, how it ends, and
 * that it holds nothing of what it delivered.
 */
describe('EventStoreDB subscription wrapper', () => {
  /** The store as the wrapper sees it: a head and the user events of the log. */
  function givenLog(events: Pick<RecordedEvent, 'position' | 'streamId' | 'type' | 'metadata'>[] = []) {
    return {
      headPosition: async () => events.at(-1)?.position ?? 0,
      async *readAll({ after = 0 }: ReadAllOptions = {}) {
        for (const event of events) if (event.position > after) yield event as RecordedEvent;
      },
    };
  }

  function given(options: { after?: number; filter?: EventFilter; log?: ReturnType<typeof givenLog> } = {}) {
    const source = Object.assign(new PassThrough({ objectMode: true }), { unsubscribe: jest.fn(async () => undefined) });
    const checkpoints: number[] = [];
    const subscription = new EsdbSubscription({ subscribe: () => source as unknown as SubscriptionSource }, {
      after: options.after,
      filter: options.filter,
      log: options.log ?? givenLog([{ position: 1_000_000, streamId: 'order-9', type: 'OrderPlaced', metadata: metadataOf('tenant-1') }]),
      onCheckpoint: (position) => checkpoints.push(position),
    });
    return { source, checkpoints, subscription, events: subscription[Symbol.asyncIterator]() };
  }

  it('delivers user events and reports skipped system events as checkpoints', async () => {
    const { source, checkpoints, events } = given();
    source.write(resolved({ streamId: '$stats-1', type: '$statsCollected', position: 10 }));
    source.write(resolved({ streamId: 'order-1', type: 'OrderPlaced', position: 20 }));

    const first = await next(events);

    expect(first).toMatchObject({ streamId: 'order-1', type: 'OrderPlaced', position: 20, revision: 0 });
    expect(checkpoints).toEqual([10]);
  });

  it('re-applies the whole filter, so the dimension the server did not filter on still holds', async () => {
    const { source, checkpoints, events } = given({ filter: { categories: ['order'], eventTypes: ['OrderPaid'] } });
    source.write(resolved({ streamId: 'order-1', type: 'OrderPlaced', position: 10 }));
    source.write(resolved({ streamId: 'order-1', type: 'OrderPaid', position: 20 }));

    const first = await next(events);

    expect(first.position).toBe(20);
    expect(checkpoints).toEqual([10]);
  });

  it("filters by tenant on the client (the server cannot), moving the checkpoint past other tenants' events", async () => {
    const { source, checkpoints, events } = given({ filter: { categories: ['order'], tenantId: 'tenant-2' } });
    source.write(resolved({ streamId: 'order-1', type: 'OrderPlaced', position: 10 }));
    source.write(resolved({ streamId: 'order-2', type: 'OrderPlaced', position: 20, tenantId: 'tenant-2' }));

    const first = await next(events);

    expect(first).toMatchObject({ position: 20, metadata: { tenantId: 'tenant-2' } });
    expect(checkpoints).toEqual([10]);
  });

  it('reports a server checkpoint only after the events queued before it were handled', async () => {
    const { source, checkpoints, events } = given();
    source.write(resolved({ streamId: 'order-1', type: 'OrderPlaced', position: 10 }));
    pushCheckpoint(source, { commit: 50n, prepare: 50n });
    source.write(resolved({ streamId: 'order-1', type: 'OrderPaid', position: 60 }));

    await next(events);
    const checkpointsWhileHandlingFirst = [...checkpoints];
    await next(events);

    expect(checkpointsWhileHandlingFirst).toEqual([]);
    expect(checkpoints).toEqual([50]);
  });

  it('never reports a checkpoint at or below what was already delivered or resumed from', async () => {
    const { source, checkpoints, events } = given({ after: 5 });
    pushCheckpoint(source, { commit: 5n, prepare: 5n });
    source.write(resolved({ streamId: 'order-1', type: 'OrderPlaced', position: 40 }));
    pushCheckpoint(source, { commit: 30n, prepare: 30n });
    pushCheckpoint(source, { commit: 70n, prepare: 70n });
    source.write(resolved({ streamId: 'order-1', type: 'OrderPaid', position: 80 }));

    await next(events);
    await next(events);

    expect(checkpoints).toEqual([70]);
  });

  it('ends a pending iteration when closed and stops the server subscription', async () => {
    const { source, subscription, events } = given();
    const pending = events.next();

    await subscription.close();

    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(source.unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('fails the iteration when the connection fails, even before iteration started', async () => {
    const { source, events } = given();

    source.emit('error', new Error('connection refused'));

    await expect(events.next()).rejects.toThrow('connection refused');
  });

  it('holds none of the events it delivered, however many pass through it', async () => {
    const collectGarbage = garbageCollector();
    const { source, subscription, events } = given();
    const total = 100_000;
    const sampled: WeakRef<AllStreamResolvedEvent>[] = [];
    const producing = (async () => {
      for (let position = 1; position <= total; position++) {
        const item = resolved({ streamId: 'order-1', type: 'OrderPlaced', position });
        if (position % 100 === 0) sampled.push(new WeakRef(item));
        if (!source.write(item)) await once(source, 'drain');
      }
    })();

    for (let delivered = 0; delivered < total; delivered++) await next(events);
    await producing;
    await new Promise(setImmediate);
    collectGarbage();
    const stillHeld = sampled.filter((ref) => ref.deref() !== undefined).length;
    await subscription.close();

    expect(sampled).toHaveLength(1000);
    expect(stillHeld).toBeLessThanOrEqual(1);
  }, 120_000); // 100,000 events take seconds on a loaded 2-core CI machine; nothing here is timed

  it('reports the head once caught up, when no event it would deliver is still on its way', async () => {
    const log = givenLog([userEvent(100, 'order-1'), userEvent(200, 'invoice-1')]);
    const { source, checkpoints, subscription, events } = given({ filter: { categories: ['order'] }, log });
    source.write(resolved({ streamId: 'order-1', type: 'OrderPlaced', position: 100 }));
    source.emit('caughtUp');

    await next(events);
    const pending = events.next();
    await eventually(() => expect(checkpoints).toEqual([200]));
    await subscription.close();

    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });

  it('reports only up to an event appended after catching up, until that event is delivered', async () => {
    const log = givenLog([userEvent(100, 'order-1'), userEvent(200, 'invoice-1'), userEvent(300, 'order-2')]);
    const { source, checkpoints, events } = given({ filter: { categories: ['order'] }, log });
    source.write(resolved({ streamId: 'order-1', type: 'OrderPlaced', position: 100 }));
    source.emit('caughtUp');

    await next(events);
    const live = next(events);
    await eventually(() => expect(checkpoints).toEqual([200]));
    source.write(resolved({ streamId: 'order-2', type: 'OrderPlaced', position: 300 }));

    expect((await live).position).toBe(300);
    expect(checkpoints).toEqual([200]);
  });

  it("never reports a checkpoint beyond the head when the server's lands on one of its own events", async () => {
    const log = givenLog([userEvent(100, 'order-1'), userEvent(200, 'invoice-1')]);
    const { source, checkpoints, events } = given({ filter: { categories: ['order'] }, log });
    source.write(resolved({ streamId: 'order-1', type: 'OrderPlaced', position: 100 }));
    pushCheckpoint(source, { commit: 250n, prepare: 250n });
    source.write(resolved({ streamId: '$ce-invoice', type: '$>', position: 260 }));
    source.write(resolved({ streamId: 'order-3', type: 'OrderPlaced', position: 400 }));

    await next(events);
    await next(events);

    expect(checkpoints).toEqual([200]);
  });
});

/** `global.gc` without starting node with --expose-gc. */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function metadataOf(tenantId: string): RecordedEvent['metadata'] {
  return { tenantId } as RecordedEvent['metadata'];
}

function userEvent(position: number, streamId: string) {
  return { position, streamId, type: 'Something', metadata: metadataOf('tenant-1') };
}

async function next(events: AsyncIterator<RecordedEvent>): Promise<RecordedEvent> {
  const result = await events.next();
  if (result.done) throw new Error('subscription ended');
  return result.value;
}

function resolved({ streamId, type, position, tenantId = 'tenant-1' }: { streamId: string; type: string; position: number; tenantId?: string }): AllStreamResolvedEvent {
  return {
    event: {
      streamId,
      id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      isJson: true,
      revision: 0n,
      type,
      created: new Date('2026-11-26T10:00:00.000Z'),
      data: { position },
      metadata: { tenantId },
      position: { commit: BigInt(position), prepare: BigInt(position) },
    },
    commitPosition: BigInt(position),
  };
}
