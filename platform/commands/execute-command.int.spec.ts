import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditedAction } from '../audit/change-audited';
import { CHANGE_AUDITED } from '../audit/change-audited';
import { WrongExpectedRevisionError, type EventStore } from '../eventstore/port';
import { createSqliteEventStore } from '../eventstore/sqlite';
import { NO_UPCASTERS } from '../eventstore/upcasting';
import { PARCEL_WEIGHED, parcelStreamId, parcelWeighedAtVersion1, TEST_UPCASTERS, type ParcelWeighedV2 } from '../../test/support/upcasting';
import type { CommandCaller } from './command-caller';
import { commandHandler, loadState } from './command-handler';
import { DomainError, type Decider, type DomainEvent } from './decider';
import { executeCommand, recordFacts } from './execute-command';
import { servicePrincipal } from './service-principal';

/** A counter that refuses to go past a limit: enough to see decisions re-made on fresh state. */
type Incremented = DomainEvent<'Incremented', { by: number }>;
interface Increment {
  readonly counterId: string;
  readonly by: number;
  readonly limit: number;
}
const counter: Decider<number, Increment, Incremented> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (total + command.by > command.limit) throw new DomainError('CONFLICT', `limit ${command.limit} reached`);
    return [{ type: 'Incremented', data: { by: command.by } }];
  },
};
const counters = commandHandler(counter, (command: Increment) => `counter-${command.counterId}`, () => 3);

describe('executeCommand (real SQLite event store)', () => {
  let dir: string;
  let store: EventStore;
  let waitedFor: number[];
  let counterIds = 0;
  const now = new Date('2026-11-26T12:00:00Z');
  const deps = (eventStore = store) => ({ eventStore, upcasters: NO_UPCASTERS, clock: () => now, waitForReadModels: async (position: number) => void waitedFor.push(position) });
  const caller = (correlationId = 'c1'): CommandCaller => ({ actor: 'ada', correlationId, causationId: `request-${correlationId}`, audit: auditedAction('demo.increment', { arguments: { by: 2 } }) });
  const increment = (counterId: string, by: number, limit = 100, eventStore = store, who = caller()) =>
    executeCommand(deps(eventStore), who, counters, { counterId, by, limit }, { tenantId: 't1' });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'goliath-commands-'));
    store = createSqliteEventStore({ file: join(dir, 'events.db'), synchronous: 'NORMAL' });
    waitedFor = [];
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const nextCounter = () => `n${++counterIds}`;

  it('appends the decided events and the change’s audit record in one write, then waits for the read models once', async () => {
    // given a caller inside an audited action
    const counterId = nextCounter();
    const who = caller('c2');
    // when it runs a command
    const result = await increment(counterId, 2, 100, store, who);
    // then the event carries the command's metadata, and its audit record follows it in the same append
    const [event, record] = await store.readStream(`counter-${counterId}`);
    const metadata = { tenantId: 't1', actor: 'ada', correlationId: 'c2', causationId: 'request-c2', occurredAt: '2026-11-26T12:00:00.000Z' };
    expect(event).toMatchObject({ type: 'Incremented', data: { by: 2 }, metadata: { ...metadata, schemaVersion: 3 } });
    expect(record).toMatchObject({
      type: CHANGE_AUDITED,
      position: result.position,
      data: { actor: 'ada', tenantId: 't1', action: 'demo.increment', target: counterId, outcome: 'success', correlationId: 'c2', time: metadata.occurredAt, details: { arguments: { by: 2 } } },
      metadata,
    });
    expect(who.audit.recordedAt).toEqual([result.position]);
    expect(waitedFor).toEqual([result.position]);
    expect(result.state).toBe(2);
  });

  it('re-decides on the latest state when concurrent commands race for one stream, audit records left out of the fold', async () => {
    const counterId = nextCounter();
    await Promise.all([1, 2, 3, 4, 5].map((by) => increment(counterId, by)));
    const events = await store.readStream(`counter-${counterId}`);
    expect(events.filter((event) => event.type === CHANGE_AUDITED)).toHaveLength(5);
    expect(await loadState(deps(), counter, `counter-${counterId}`)).toBe(15);
  });

  it('refuses, and stores nothing (not even an audit record), when the fresh state breaks a rule', async () => {
    const counterId = nextCounter();
    await increment(counterId, 8, 10);
    await expect(increment(counterId, 5, 10)).rejects.toThrow(DomainError);
    expect(await store.readStream(`counter-${counterId}`)).toHaveLength(2);
  });

  it('gives up with the conflict after a bounded number of attempts', async () => {
    // given a stream that another writer changes between every read and append
    const counterId = nextCounter();
    await increment(counterId, 1);
    let reads = 0;
    const contended: EventStore = Object.create(store, {
      readStream: {
        value: async (id: string) => {
          const events = await store.readStream(id);
          reads += 1;
          await increment(counterId, 1);
          return events;
        },
      },
    });
    // when a command runs against it, then it fails with the conflict after ten attempts
    await expect(increment(counterId, 1, 100, contended)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(reads).toBe(10);
  });

  it('gets every one of a crowd of concurrent commands on one stream through', async () => {
    // given 40 writers racing for one stream at once
    const counterId = nextCounter();
    // when each increments it
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => increment(counterId, 1)));
    // then none gave up on a conflict, and the total is theirs
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(await loadState(deps(), counter, `counter-${counterId}`)).toBe(40);
  });

  it('folds an event stored at version 1 as version 2 when the deciders read it through the upcasters', async () => {
    // given a parcel weighed by an old writer (version 1)
    await store.append(parcelStreamId('p1'), [parcelWeighedAtVersion1('p1', 250)], 'no-stream');
    // when a decider's state is loaded, then it sees the version 2 shape
    const weights: Pick<Decider<number, never, DomainEvent<typeof PARCEL_WEIGHED, ParcelWeighedV2>>, 'initialState' | 'evolve'> = {
      initialState: () => 0,
      evolve: (total, event) => total + event.data.weight.value,
    };
    expect(await loadState({ eventStore: store, upcasters: TEST_UPCASTERS }, weights, parcelStreamId('p1'))).toBe(250);
  });

  it('records facts with their audit record in one write', async () => {
    const position = await recordFacts(deps(), caller('c3'), { streamId: 'fact-1', events: [{ type: 'Observed', data: {} }], expectedRevision: 'any', versionOf: () => 1 }, { tenantId: 't1' });
    expect((await store.readStream('fact-1')).map((event) => [event.type, event.position === position])).toEqual([
      ['Observed', false],
      [CHANGE_AUDITED, true],
    ]);
  });

  it('lets a service principal act only on an action its permission table grants it', async () => {
    const table = { 'Service.tick': { services: ['ticker'], tenant: { kind: 'caller' } } } as const;
    const ticker = servicePrincipal('ticker', 'demo', table);
    const counterId = nextCounter();
    await increment(counterId, 1, 100, store, ticker.caller('tick', 'job-1'));
    const [, record] = await store.readStream(`counter-${counterId}`);
    expect(record.data).toMatchObject({ actor: 'system:ticker', action: 'demo.tick', correlationId: 'job-1' });
    expect(() => ticker.caller('tock', 'job-1')).toThrow(/system:ticker may not run Service.tock/);
    expect(() => servicePrincipal('intruder', 'demo', table).caller('tick', 'job-1')).toThrow(/no row granting it/);
  });
});
