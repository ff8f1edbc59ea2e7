import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../eventstore/port';
import { createSqliteEventStore } from '../eventstore/sqlite';
import { appendAuditEntry } from './append-audit-entry';
import { AUDIT_ENTRY_RECORDED, auditStreamId, InvalidAuditEntryError, type AuditEntryRecordedData } from './audit-entry';
import { GENESIS_PREVIOUS_HASH } from './audit-chain-link';
import { sampleAuditEntry } from './test-support/sample-audit-entry';
import { verifyAuditChain } from './verify-audit-chain';

describe('audit chain on the SQLite event store', () => {
  let directory: string;
  let eventStore: EventStore;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'goliath-audit-'));
    eventStore = createSqliteEventStore({ file: join(directory, 'goliath.sqlite'), synchronous: 'NORMAL' });
  });

  afterEach(async () => {
    await eventStore.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('keeps one independent, valid chain per tenant', async () => {
    // Given entries for two tenants appended in an interleaved order
    for (let index = 0; index < 5; index++) {
      await appendAuditEntry(eventStore, sampleAuditEntry('acme', index));
      if (index < 3) await appendAuditEntry(eventStore, sampleAuditEntry('globex', index));
    }
    // When each tenant's chain is verified
    const acme = await verifyAuditChain(eventStore, 'acme');
    const globex = await verifyAuditChain(eventStore, 'globex');
    // Then both are valid with their own counts, and each starts its own chain from zero
    expect(acme).toEqual({ valid: true, checkedEntries: 5 });
    expect(globex).toEqual({ valid: true, checkedEntries: 3 });
    const [firstGlobex] = await eventStore.readStream(auditStreamId('globex'), { maxCount: 1 });
    expect(firstGlobex?.data).toMatchObject({ sequence: 0, previousHash: GENESIS_PREVIOUS_HASH, tenantId: 'globex' });
  });

  it('stores the entry with its chain fields and the metadata the platform expects', async () => {
    // Given an entry appended with an explicit causation id after one without
    await appendAuditEntry(eventStore, sampleAuditEntry('acme', 0));
    const entry = sampleAuditEntry('acme', 1);
    const appended = await appendAuditEntry(eventStore, entry, { causationId: 'request-9' });
    // When the stream is read back
    const [first, second] = await eventStore.readStream(auditStreamId('acme'));
    // Then the second event links to the first and carries the metadata
    expect(appended).toMatchObject({ revision: 1, position: second!.position });
    expect(second).toMatchObject({ type: AUDIT_ENTRY_RECORDED, revision: 1, data: { ...entry, sequence: 1 } });
    expect((second!.data as AuditEntryRecordedData).previousHash).toBe((first!.data as AuditEntryRecordedData).hash);
    expect(second!.metadata).toEqual({
      tenantId: 'acme',
      actor: entry.actor,
      correlationId: entry.correlationId,
      causationId: 'request-9',
      occurredAt: entry.time,
      schemaVersion: 1,
    });
    expect(first!.metadata.causationId).toBe(first!.metadata.correlationId);
  });

  it('treats a tenant without entries as a valid empty chain', async () => {
    expect(await verifyAuditChain(eventStore, 'nobody')).toEqual({ valid: true, checkedEntries: 0 });
  });

  it('refuses an invalid entry without writing anything', async () => {
    // Given an entry whose details cannot be encoded
    const entry = sampleAuditEntry('acme', 0, { details: { score: Number.NaN } });
    // When appended / Then it is refused and the stream stays empty
    await expect(appendAuditEntry(eventStore, entry)).rejects.toThrow(InvalidAuditEntryError);
    expect(await eventStore.readStream(auditStreamId('acme'))).toEqual([]);
  });

  it('never forks under 20 concurrent appends for one tenant', async () => {
    // Given 20 entries appended concurrently for the same tenant
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_unused, index) => appendAuditEntry(eventStore, sampleAuditEntry('acme', index))),
    );
    // When the chain is read back and verified
    const events = await eventStore.readStream(auditStreamId('acme'));
    const sequences = events.map((event) => (event.data as AuditEntryRecordedData).sequence);
    // Then there is one chain of 20, sequences 0..19, every entry stored once, and it verifies
    expect(events).toHaveLength(20);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_unused, index) => index));
    expect(new Set(appended.map((result) => result.revision)).size).toBe(20);
    expect(new Set(events.map((event) => (event.data as AuditEntryRecordedData).target)).size).toBe(20);
    expect(await verifyAuditChain(eventStore, 'acme')).toEqual({ valid: true, checkedEntries: 20 });
  });

  it('verifies across page boundaries and reports progress', async () => {
    // Given a chain longer than one page
    for (let index = 0; index < 7; index++) await appendAuditEntry(eventStore, sampleAuditEntry('acme', index));
    const progress: number[] = [];
    // When verified three events at a time
    const result = await verifyAuditChain(eventStore, 'acme', { pageSize: 3, onProgress: (checked) => progress.push(checked) });
    // Then every entry is checked and progress is reported per page
    expect(result).toEqual({ valid: true, checkedEntries: 7 });
    expect(progress).toEqual([3, 6, 7]);
  });
});
