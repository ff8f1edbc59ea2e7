import { randomUUID } from 'node:crypto';
import type { AppendRequest } from '../append-request';
import { EventIdConflictError } from '../event-id-conflict-error';
import { WrongExpectedRevisionError, type ExpectedRevision, type NewEvent } from '../port';
import { AppendPlan, type StoredEventRef } from './append-plan';

/** The decisions of a group of appends, made in memory from the streams' tails. */
describe('AppendPlan', () => {
  it('numbers a group after the head, stream by stream, and lists the rows to insert', () => {
    const plan = new AppendPlan(10, [tail('order-1', stored(0, 1)), tail('order-2')]);

    const first = plan.decide(request('order-1', 2, 0));
    const second = plan.decide(request('order-2', 1, 'no-stream'));

    expect([first, second]).toEqual([
      { kind: 'settled', outcome: { ok: true, result: { nextExpectedRevision: 2, position: 12 } } },
      { kind: 'settled', outcome: { ok: true, result: { nextExpectedRevision: 0, position: 13 } } },
    ]);
    expect(plan.inserts.map((row) => [row.streamId, row.revision, row.position, row.category])).toEqual([
      ['order-1', 1, 11, 'order'],
      ['order-1', 2, 12, 'order'],
      ['order-2', 0, 13, 'order'],
    ]);
    expect(plan.headPosition).toBe(13);
  });

  it('lets a later append of the group see an earlier one: a conflict, or a retry answered with the original result', () => {
    const plan = new AppendPlan(0, [tail('order-1')]);
    const original = request('order-1', 1, 'no-stream');

    plan.decide(original);
    const conflict = plan.decide(request('order-1', 1, 'no-stream'));
    const retry = plan.decide(original);

    expect(conflict).toMatchObject({ kind: 'settled', outcome: { ok: false, error: expect.any(WrongExpectedRevisionError) } });
    expect(retry).toEqual({ kind: 'settled', outcome: { ok: true, result: { nextExpectedRevision: 0, position: 1 } } });
    expect(plan.inserts).toHaveLength(1);
  });

  it('recognises a retry of the stream tail whatever its expected revision', () => {
    const events = [newEvent(), newEvent()];
    const plan = new AppendPlan(7, [tail('order-1', { eventId: 'x', revision: 0, position: 3 }, ...ids(events, 1, 6))]);

    const decisions = (['any', 'stream-exists', 0] as const).map((expected) => plan.decide({ streamId: 'order-1', events, expectedRevision: expected }));

    expect(decisions.map((decision) => decision.kind === 'settled' && decision.outcome)).toEqual(
      Array(3).fill({ ok: true, result: { nextExpectedRevision: 2, position: 7 } }),
    );
    expect(plan.inserts).toEqual([]);
  });

  it('refuses one id given to two different events', () => {
    const [a, b] = [newEvent(), newEvent()];
    const plan = new AppendPlan(2, [tail('order-1', ...ids([a, b], 0, 1))]);

    const decision = plan.decide({ streamId: 'order-1', events: [a, newEvent()], expectedRevision: 'any' });

    expect(decision).toMatchObject({ kind: 'settled', outcome: { ok: false, error: expect.any(EventIdConflictError) } });
  });

  it('asks to look further back for a retry at an expected revision older than the tail, then settles it', () => {
    const events = [newEvent(), newEvent()];
    const plan = new AppendPlan(6, [tail('order-1', stored(4, 5), stored(5, 6))]);
    const retry: AppendRequest = { streamId: 'order-1', events, expectedRevision: 0 };

    const decision = plan.decide(retry);
    if (decision.kind !== 'look-back') throw new Error(`expected a look-back, got ${decision.kind}`);
    const outcome = plan.settleLookBack(retry, decision, ids(events, 1, 2));

    expect(decision).toEqual({ kind: 'look-back', fromRevision: 1, actual: 5 });
    expect(outcome).toEqual({ ok: true, result: { nextExpectedRevision: 2, position: 3 } });
  });

  it('settles a look-back that finds other events as the conflict it is', () => {
    const plan = new AppendPlan(6, [tail('order-1', stored(5, 6))]);
    const stale = request('order-1', 1, 0);

    const decision = plan.decide(stale);
    if (decision.kind !== 'look-back') throw new Error(`expected a look-back, got ${decision.kind}`);
    const outcome = plan.settleLookBack(stale, decision, [stored(1, 2)]);

    expect(outcome).toMatchObject({ ok: false, error: { expected: 0, actual: 5 } });
    expect(plan.inserts).toEqual([]);
  });

  it('asks for as many of each stream’s last events as its largest append in the group', () => {
    const depths = AppendPlan.tailDepths([request('order-1', 1, 'any'), request('order-2', 3, 'any'), request('order-1', 4, 'any')]);

    expect([...depths]).toEqual([
      ['order-1', 4],
      ['order-2', 3],
    ]);
  });
});

function tail(streamId: string, ...events: StoredEventRef[]) {
  return { streamId, events };
}

function stored(revision: number, position: number): StoredEventRef {
  return { eventId: randomUUID(), revision, position };
}

/** The refs of these events stored from `revision` and `position` on. */
function ids(events: NewEvent[], revision: number, position: number): StoredEventRef[] {
  return events.map((event, index) => ({ eventId: event.id, revision: revision + index, position: position + index }));
}

function request(streamId: string, count: number, expectedRevision: ExpectedRevision): AppendRequest {
  return { streamId, events: Array.from({ length: count }, newEvent), expectedRevision };
}

function newEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'OrderPlaced',
    data: {},
    metadata: { tenantId: 't', actor: 'a', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 },
  };
}
