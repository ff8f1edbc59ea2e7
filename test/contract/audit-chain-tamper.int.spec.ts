import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { appendAuditEntry, auditStreamId, verifyAuditChain } from '../../platform/audit';
import { sampleAuditEntry } from '../../platform/audit/test-support/sample-audit-entry';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';

/**
 * Issue 4, "Audit trail": change one stored audit event's bytes directly in the SQLite file;
 * verification reports exactly that position. The change bypasses the event store entirely, as
 * someone with write access to the file would: a plain UPDATE on `es_events`, which has no
 * trigger or check that would stop it.
 */
describe('audit chain tamper evidence in the SQLite file', () => {
  const tenantId = 'acme';
  const tamperedRevision = 6;
  let directory: string;
  let file: string;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'goliath-audit-tamper-'));
    file = join(directory, 'goliath.sqlite');
    const eventStore = createSqliteEventStore({ file });
    for (let index = 0; index < 10; index++) await appendAuditEntry(eventStore, sampleAuditEntry(tenantId, index));
    await eventStore.close();
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  /** Applies `sql` (with @streamId and @revision bound) to the file with the store closed; returns rows changed. */
  function tamper(sql: string): number {
    const db = new Database(file);
    try {
      return db.prepare(sql).run({ streamId: auditStreamId(tenantId), revision: tamperedRevision }).changes;
    } finally {
      db.close();
    }
  }

  async function verifyFromFile() {
    const eventStore = createSqliteEventStore({ file });
    try {
      return await verifyAuditChain(eventStore, tenantId);
    } finally {
      await eventStore.close();
    }
  }

  it('verifies the untouched file', async () => {
    expect(await verifyFromFile()).toEqual({ valid: true, checkedEntries: 10 });
  });

  it('reports exactly the revision whose stored action text was changed', async () => {
    // Given the action of entry 6 rewritten in the stored JSON, bytes replaced in place
    const changed = tamper(
      `UPDATE es_events SET data = replace(data, '"action":"problem.create"', '"action":"problem.delete"')
       WHERE stream_id = @streamId AND revision = @revision`,
    );
    expect(changed).toBe(1);
    // When the chain is verified through a freshly opened store
    const result = await verifyFromFile();
    // Then it is broken at exactly that revision, with the six entries before it intact
    expect(result).toMatchObject({ valid: false, checkedEntries: tamperedRevision, firstBrokenPosition: tamperedRevision });
    expect(result.reason).toContain('hash');
  });

  it('reports exactly the revision whose stored bytes no longer parse as JSON', async () => {
    // Given entry 6's stored data truncated so it is no longer JSON
    expect(tamper('UPDATE es_events SET data = substr(data, 1, 20) WHERE stream_id = @streamId AND revision = @revision')).toBe(1);
    // When verified / Then the unreadable event is named, not an error thrown
    const result = await verifyFromFile();
    expect(result).toMatchObject({ valid: false, checkedEntries: tamperedRevision, firstBrokenPosition: tamperedRevision });
    expect(result.reason).toContain('cannot be read');
  });

  it('reports the gap when a stored audit event is deleted', async () => {
    // Given entry 6 deleted from the file
    expect(tamper('DELETE FROM es_events WHERE stream_id = @streamId AND revision = @revision')).toBe(1);
    // When verified / Then the chain breaks at the event that now follows the gap
    expect(await verifyFromFile()).toMatchObject({ valid: false, checkedEntries: tamperedRevision, firstBrokenPosition: tamperedRevision + 1 });
  });
});
