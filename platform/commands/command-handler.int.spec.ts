import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedRevisionError, type EventStore } from '../eventstore/port';
import { createSqliteEventStore } from '../eventstore/sqlite';
import { handleCommand, type CommandContext } from './command-handler';
import { DomainError, type Decider, type DomainEvent } from './decider';

/** A counter that refuses to go past a limit: enough to see decisions re-made on fresh state. */
type Incremented = DomainEvent<'Incremented', { by: number }>;
const counter: Decider<number, { by: number; limit: number }, Incremented> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (total + command.by > command.limit) throw new DomainError('CONFLICT', `limit ${command.limit} reached`);
    return [{ type: 'Incremented', data: { by: command.by } }];
  },
};

describe('handleCommand (real SQLite event store)', () => {
  let dir: string;
  let store: EventStore;
  let streamCounter = 0;
  const context = (correlationId: string): CommandContext => ({
    tenantId: 't1',
    actor: 'ada',
    correlationId,
    causationId: `request-${correlationId}`,
    now: new Date('2026-11-26T12:00:00Z'),
  });
  const increment = (streamId: string, by: number, limit = 100, eventStore = store) =>
    handleCommand({ eventStore, streamId, decider: counter, command: { by, limit }, context: context(`c${by}`), schemaVersionOf: () => 3 });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'goliath-commands-'));
    store = createSqliteEventStore({ file: join(dir, 'events.db'), synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const nextStream = () => `counter-${++streamCounter}`;

  it('appends the decided events with the metadata of the command', async () => {
    const streamId = nextStream();
    const result = await increment(streamId, 2);
    expect(result.state).toBe(2);
    const [event] = await store.readStream(streamId);
    expect(event).toMatchObject({
      type: 'Incremented',
      data: { by: 2 },
      position: result.position,
      metadata: { tenantId: 't1', actor: 'ada', correlationId: 'c2', causationId: 'request-c2', occurredAt: '2026-11-26T12:00:00.000Z', schemaVersion: 3 },
    });
  });

  it('re-decides on the latest state when concurrent commands race for one stream', async () => {
    const streamId = nextStream();
    await Promise.all([1, 2, 3, 4, 5].map((by) => increment(streamId, by)));
    const events = await store.readStream(streamId);
    expect(events.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
    expect(events.reduce((total, event) => total + (event.data as { by: number }).by, 0)).toBe(15);
  });

  it('refuses, and stores nothing, when the fresh state breaks a rule', async () => {
    const streamId = nextStream();
    await increment(streamId, 8, 10);
    await expect(increment(streamId, 5, 10)).rejects.toThrow(DomainError);
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('gives up with the conflict after a bounded number of attempts', async () => {
    // given a stream that another writer changes between every read and append
    const streamId = nextStream();
    await increment(streamId, 1);
    let reads = 0;
    const contended: EventStore = Object.create(store, {
      readStream: {
        value: async (id: string) => {
          const events = await store.readStream(id);
          reads += 1;
          await increment(id, 1);
          return events;
        },
      },
    });
    // when a command runs against it, then it fails with the conflict after five attempts
    const attempt = handleCommand({
      eventStore: contended,
      streamId,
      decider: counter,
      command: { by: 1, limit: 100 },
      context: context('contended'),
      schemaVersionOf: () => 1,
    });
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(reads).toBe(5);
  });
});
