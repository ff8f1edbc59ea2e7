import type { EventStore } from '../eventstore/port';
import { createSqliteEventStore } from '../eventstore/sqlite';
import { appendAuditEntries, appendAuditEntry } from './append-audit-entry';
import { AuditAppendBatcher } from './audit-append-batcher';
import { auditStreamId, InvalidAuditEntryError, type AuditEntryRecordedData } from './audit-entry';
import { sampleAuditEntry } from './test-support/sample-audit-entry';
import { verifyAuditChain } from './verify-audit-chain';

describe('batched audit appends on the SQLite event store', () => {
  let eventStore: EventStore;
  let appendCalls: number;

  beforeEach(() => {
    const store = createSqliteEventStore({ file: ':memory:' });
    appendCalls = 0;
    // Counts the appends that reach the store, to show that bursts are batched.
    eventStore = Object.assign(Object.create(store) as EventStore, {
      append: (...args: Parameters<EventStore['append']>) => {
        appendCalls += 1;
        return store.append(...args);
      },
    });
  });
  afterEach(() => eventStore.close());

  it('links a batch in order after the stored tail, in one append', async () => {
    await appendAuditEntry(eventStore, sampleAuditEntry('acme', 0));
    const appended = await appendAuditEntries(eventStore, [1, 2, 3].map((index) => ({ entry: sampleAuditEntry('acme', index), causationId: `cause-${index}` })));
    expect(appended.map((entry) => [entry!.revision, entry!.data.sequence, entry!.data.target])).toEqual([
      [1, 1, 'problem-1'],
      [2, 2, 'problem-2'],
      [3, 3, 'problem-3'],
    ]);
    expect(appendCalls).toBe(2);
    const events = await eventStore.readStream(auditStreamId('acme'));
    expect(events.map((event) => event.metadata.causationId)).toEqual(['correlation-0', 'cause-1', 'cause-2', 'cause-3']);
    expect(await verifyAuditChain(eventStore, 'acme')).toEqual({ valid: true, checkedEntries: 4 });
  });

  it('refuses a batch that mixes tenants, writing nothing', async () => {
    await expect(appendAuditEntries(eventStore, [{ entry: sampleAuditEntry('acme', 0) }, { entry: sampleAuditEntry('globex', 1) }])).rejects.toThrow(InvalidAuditEntryError);
    expect(appendCalls).toBe(0);
  });

  it('stores a burst of 300 concurrent entries for one tenant in a few appends, as one valid chain', async () => {
    const batcher = new AuditAppendBatcher(eventStore);
    const appended = await Promise.all(Array.from({ length: 300 }, (_unused, index) => batcher.append(sampleAuditEntry(index % 10 === 0 ? 'globex' : 'acme', index))));
    expect(new Set(appended.filter((entry) => entry.data.tenantId === 'acme').map((entry) => entry.revision)).size).toBe(270);
    expect(appendCalls).toBeLessThanOrEqual(6);
    expect(await verifyAuditChain(eventStore, 'acme')).toEqual({ valid: true, checkedEntries: 270 });
    expect(await verifyAuditChain(eventStore, 'globex')).toEqual({ valid: true, checkedEntries: 30 });
    const targets = (await eventStore.readStream(auditStreamId('acme'))).map((event) => (event.data as AuditEntryRecordedData).target);
    expect(new Set(targets).size).toBe(270);
  });

  it('refuses an invalid entry alone, without failing the entries around it', async () => {
    const batcher = new AuditAppendBatcher(eventStore);
    const results = await Promise.allSettled([
      batcher.append(sampleAuditEntry('acme', 0)),
      batcher.append(sampleAuditEntry('acme', 1, { details: { score: Number.NaN } })),
      batcher.append(sampleAuditEntry('acme', 2)),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await verifyAuditChain(eventStore, 'acme')).toEqual({ valid: true, checkedEntries: 2 });
  });

  it('rejects every entry of a batch the store refuses, then carries on with the next', async () => {
    const failing = Object.assign(Object.create(eventStore) as EventStore, { append: () => Promise.reject(new Error('disk full')) });
    const batcher = new AuditAppendBatcher(failing);
    await expect(batcher.append(sampleAuditEntry('acme', 0))).rejects.toThrow('disk full');
    const healthy = new AuditAppendBatcher(eventStore);
    await expect(healthy.append(sampleAuditEntry('acme', 1))).resolves.toMatchObject({ revision: 0 });
  });
});
