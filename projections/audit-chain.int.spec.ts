import { auditBatcherFor, auditStreamId, verifyAuditChain, type AuditEntryRecordedData } from '../platform/audit';
import { auditedAction, changeAuditRecord } from '../platform/audit/change-audited';
import { NO_UPCASTERS } from '../platform/eventstore/upcasting';
import { newEvent } from '../platform/commands/event-metadata';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';
import { auditChainProjection } from './audit-chain';
import { ProjectionRunner } from './runner';
import { eventually } from '../test/support/eventually';
import { recordingLogger, storesInTempDir, type StoresInTempDir } from './runner.fixtures';

describe('audit chainer (SQLite event store + SQLite read store)', () => {
  let stores: StoresInTempDir;
  const runners: ProjectionRunner[] = [];
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await stores.close();
  });
  beforeEach(() => {
    stores = storesInTempDir();
  });

  /** A chainer with its own checkpoint in a read store of its own: a second process, or one that lost its checkpoint. */
  async function startChainer(readStore = stores.readStore): Promise<ProjectionRunner> {
    const runner = new ProjectionRunner({ eventStore: stores.eventStore, readStore, projections: [auditChainProjection(stores.eventStore)], upcasters: NO_UPCASTERS, logger: recordingLogger() });
    runners.push(runner);
    await runner.start();
    return runner;
  }

  /** A change in `stream` with its audit record, as the command path appends it. */
  async function givenChange(stream: string, tenantId: string, n: number): Promise<number> {
    const origin = { tenantId, actor: 'ada', correlationId: `c${n}`, causationId: `r${n}`, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)) };
    const change = newEvent({ type: 'ThingChanged', data: { n } }, origin, 1);
    const record = changeAuditRecord(auditedAction('demo.change', { arguments: { n } }), origin, stream);
    return (await stores.eventStore.append(stream, [change, record], 'any')).position;
  }

  const trail = async (tenantId: string) => (await stores.eventStore.readStream(auditStreamId(tenantId))).map((event) => ({ data: event.data as AuditEntryRecordedData, chainedFrom: event.metadata.chainedFrom }));

  it('chains every record into its tenant’s trail in log order, each exactly once, interleaved with direct entries', async () => {
    // given changes of two tenants, and a direct entry (a refusal) between them
    const positions = [await givenChange('thing-1', 'acme', 1), await givenChange('thing-2', 'globex', 2)];
    await auditBatcherFor(stores.eventStore).append({ actor: 'mallory', tenantId: 'acme', action: 'demo.change', target: '-', outcome: 'denied', correlationId: 'c9', time: '2026-01-01T00:00:09Z', details: {} });
    positions.push(await givenChange('thing-1', 'acme', 3));
    // when the chainer has caught up
    const runner = await startChainer();
    await runner.waitFor(positions[2], 5_000);
    // then each tenant's trail holds its records in log order, with where each came from
    const acme = await trail('acme');
    expect(acme.map(({ data, chainedFrom }) => [data.outcome, data.details, chainedFrom])).toEqual([
      ['denied', {}, undefined],
      ['success', { arguments: { n: 1 } }, positions[0]],
      ['success', { arguments: { n: 3 } }, positions[2]],
    ]);
    expect((await trail('globex')).map(({ data }) => [data.actor, data.target, data.tenantId])).toEqual([['ada', 'thing-2', 'globex']]);
    expect(await verifyAuditChain(stores.eventStore, 'acme')).toMatchObject({ valid: true, checkedEntries: 3 });
  });

  it('never chains a record twice: a chainer that lost its checkpoint skips what the trail holds', async () => {
    const first = [await givenChange('thing-1', 'acme', 1), await givenChange('thing-1', 'acme', 2)];
    const chainer = await startChainer();
    await chainer.waitFor(first[1], 5_000);
    // when the chainer starts over from position zero
    await chainer.stop();
    await stores.readStore.reset('audit-chain', []);
    const more = await givenChange('thing-1', 'acme', 3);
    await (await startChainer()).waitFor(more, 5_000);
    // then the trail holds each record once
    expect((await trail('acme')).map(({ chainedFrom }) => chainedFrom)).toEqual([...first, more]);
  });

  it('parks a record it cannot chain and goes on chaining the others', async () => {
    // given a change whose audit record is invalid (an outcome the trail does not know) between two good ones
    const before = await givenChange('thing-1', 'acme', 1);
    const origin = { tenantId: 'acme', actor: 'ada', correlationId: 'c2', causationId: 'r2', occurredAt: new Date(Date.UTC(2026, 0, 1)) };
    const bad = { ...changeAuditRecord(auditedAction('demo.change'), origin, 'thing-1'), data: { ...(changeAuditRecord(auditedAction('demo.change'), origin, 'thing-1').data as object), outcome: 'bogus' } };
    const badPosition = (await stores.eventStore.append('thing-1', [bad], 'any')).position;
    const after = await givenChange('thing-1', 'acme', 3);
    // when the chainer runs
    const runner = await startChainer();
    await runner.waitFor(after, 5_000);
    // then the good records are chained in order, and the bad one is parked with the reason
    expect((await trail('acme')).map(({ chainedFrom }) => chainedFrom)).toEqual([before, after]);
    expect(await verifyAuditChain(stores.eventStore, 'acme')).toMatchObject({ valid: true, checkedEntries: 2 });
    expect(await runner.parkedEvents.get(`audit-chain:${badPosition}`)).toMatchObject({ status: 'parked', tenantId: 'acme', eventType: 'ChangeAudited', error: expect.stringMatching(/outcome must be one of/) });
    await eventually(async () => expect((await runner.health())[0]).toMatchObject({ projection: 'audit-chain', state: 'running', parked: 1, lag: 0 }));
  });

  it('never chains a record twice when two processes chain the same log at once', async () => {
    // given a second process on the same file, with its own event store (and so its own batcher)
    const other = storesOnSameFile(stores.file);
    try {
      const positions: number[] = [];
      for (let n = 1; n <= 40; n++) positions.push(await givenChange(`thing-${n % 3}`, n % 2 ? 'acme' : 'globex', n));
      // when both chain from position zero
      const chainers = [await startChainer(), await startOtherChainer(other)];
      await Promise.all(chainers.map((runner) => runner.waitFor(positions.at(-1)!, 10_000)));
      // then every record is in its trail exactly once, in log order, and both chains verify
      const chained = [...(await trail('acme')), ...(await trail('globex'))].map(({ chainedFrom }) => chainedFrom).sort((a, b) => a! - b!);
      expect(chained).toEqual(positions);
      for (const tenant of ['acme', 'globex']) expect(await verifyAuditChain(stores.eventStore, tenant)).toMatchObject({ valid: true, checkedEntries: 20 });
    } finally {
      await other.close();
    }
  });

  async function startOtherChainer(other: ReturnType<typeof storesOnSameFile>): Promise<ProjectionRunner> {
    const runner = new ProjectionRunner({ eventStore: other.eventStore, readStore: other.readStore, projections: [auditChainProjection(other.eventStore)], upcasters: NO_UPCASTERS, logger: recordingLogger() });
    runners.push(runner);
    await runner.start();
    return runner;
  }
});

/** A second process's stores; its own checkpoint table would be shared, so it gets a read store of its own file. */
function storesOnSameFile(file: string) {
  const scratch = storesInTempDir();
  const eventStore = createSqliteEventStore({ file, synchronous: 'NORMAL', pollIntervalMs: 20 });
  return {
    eventStore,
    readStore: scratch.readStore,
    close: async () => {
      await eventStore.close();
      await scratch.close();
    },
  };
}
