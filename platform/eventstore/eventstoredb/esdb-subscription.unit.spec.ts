import { PassThrough } from 'node:stream';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { EventFilter, RecordedEvent } from '../port';
import { EsdbSubscription, pushCheckpoint, type SubscriptionSource } from './esdb-subscription';

/**
 * The subscription wrapper, driven by an object-mode stream standing in for the client's
 * subscription (no server here): what it delivers, when it reports checkpoints, how it ends.
 */
describe('EventStoreDB subscription wrapper', () => {
  function given(options: { after?: number; filter?: EventFilter } = {}) {
    const source = Object.assign(new PassThrough({ objectMode: true }), { unsubscribe: jest.fn(async () => undefined) });
    const checkpoints: number[] = [];
    const subscription = new EsdbSubscription(source as unknown as SubscriptionSource, {
      ...options,
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
});

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
