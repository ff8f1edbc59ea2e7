import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAuditEntry, verifyChain, type AuditEntryRecordedData } from '../platform/audit';
import { sampleAuditEntry } from '../platform/audit/test-support/sample-audit-entry';
import type { EventStore } from '../platform/eventstore/port';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';
import { tenantStreamId } from '../schema/events';
import { runAudit } from './audit-command';
import { runCli } from './goliath';
import { capturedIo } from './test-support/captured-io';
import { UsageError } from './usage-error';

const ENTRIES = 300;

/** `goliath audit` in-process against a SQLite store holding a few hundred entries. */
describe('goliath audit', () => {
  let directory: string;
  let env: NodeJS.ProcessEnv;
  let createdAt: number;

  const audit = async (...argv: string[]) => {
    const io = capturedIo();
    const code = await runAudit(argv, io, env);
    return { code, out: io.out(), err: io.err() };
  };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'goliath-audit-cli-'));
    env = { SQLITE_FILE: join(directory, 'goliath.db'), SQLITE_SYNCHRONOUS: 'NORMAL' };
    const eventStore: EventStore = createSqliteEventStore({ file: env.SQLITE_FILE!, synchronous: 'NORMAL' });
    const tenantEvent = (type: string, data: Record<string, unknown>) => ({
      id: randomUUID(),
      type,
      data,
      metadata: { tenantId: 'acme', actor: 'ada', correlationId: 'c', causationId: 'c', occurredAt: '2024-01-01T00:00:00.000Z', schemaVersion: 1 },
    });
    try {
      createdAt = (await eventStore.append(tenantStreamId('acme'), [tenantEvent('TenantCreated', { tenantId: 'acme', name: 'Acme', createdAt: '2024-01-01T00:00:00.000Z' })], 'no-stream')).position;
      for (let index = 0; index < ENTRIES; index++) {
        await appendAuditEntry(eventStore, sampleAuditEntry('acme', index));
        if (index % 100 === 0) await appendAuditEntry(eventStore, sampleAuditEntry('globex', index));
      }
      await eventStore.append(tenantStreamId('acme'), [tenantEvent('TenantRenamed', { tenantId: 'acme', name: 'Acme Corp', previousName: 'Acme', renamedAt: '2024-01-02T00:00:00.000Z' })], 0);
    } finally {
      await eventStore.close();
    }
  }, 60_000);

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('verifies an intact chain: JSON on stdout, progress on stderr, exit 0', async () => {
    const { code, out, err } = await audit('verify', '--tenant', 'acme');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ tenantId: 'acme', valid: true, checkedEntries: ENTRIES });
    expect(err).toContain(`done [####################] ${ENTRIES}/${ENTRIES} entries verified`);
  });

  it('exports every entry as one JSON line with its chain fields, which verify on their own', async () => {
    const { code, out, err } = await audit('export', '--tenant', 'acme');
    expect(code).toBe(0);
    const entries = out.trimEnd().split('\n').map((line) => JSON.parse(line) as AuditEntryRecordedData);
    expect(entries).toHaveLength(ENTRIES);
    expect(entries[5]).toMatchObject({ sequence: 5, tenantId: 'acme', target: 'problem-5', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(verifyChain(entries.map((data, revision) => ({ revision, data })))).toEqual({ valid: true, checkedEntries: ENTRIES });
    expect(err).toContain(`exported ${ENTRIES} of ${ENTRIES} entries`);
  });

  it('exports only the entries within --from and --to', async () => {
    // sampleAuditEntry(index) is at 2024-01-01T00:00:<index> seconds
    const { out } = await audit('export', '--tenant', 'acme', '--from', '2024-01-01T00:01:40Z', '--to', '2024-01-01T00:01:49Z');
    const sequences = out.trimEnd().split('\n').map((line) => (JSON.parse(line) as AuditEntryRecordedData).sequence);
    expect(sequences).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
  });

  it("replays the tenant as of a log position and as of now, in the API's replayAudit shape and names", async () => {
    const past = await audit('replay', '--tenant', 'acme', '--position', String(createdAt));
    expect(past.code).toBe(0);
    const replayed = JSON.parse(past.out) as { position: number; eventCount: number; aggregates: { name: string; count: number; documents: { id: string; name?: string }[] }[] };
    expect(Object.keys(replayed)).toEqual(['tenantId', 'asOf', 'position', 'eventCount', 'aggregates']);
    expect(replayed).toMatchObject({ tenantId: 'acme', position: createdAt, eventCount: 1 });
    expect(replayed.aggregates.find((aggregate) => aggregate.name === 'tenants')).toEqual({ name: 'tenants', count: 1, documents: [expect.objectContaining({ id: 'acme', name: 'Acme' })] });

    const now = JSON.parse((await audit('replay', '--tenant', 'acme', '--as-of', '2999-01-01T00:00:00Z')).out) as typeof replayed;
    expect(now.eventCount).toBe(ENTRIES + 2);
    expect(now.aggregates.find((aggregate) => aggregate.name === 'tenants')?.documents).toEqual([expect.objectContaining({ name: 'Acme Corp' })]);
    expect(now.aggregates.find((aggregate) => aggregate.name === 'audit_entries')).toMatchObject({ count: ENTRIES });
    expect(now.aggregates.every((aggregate) => aggregate.count === aggregate.documents.length)).toBe(true);
  });

  it.each(['verify', 'export'])('%s of a tenant without an audit trail exits 2 saying so, not an empty valid chain', async (action) => {
    await expect(runAudit([action, '--tenant', 'no-such-tenant'], capturedIo(), env)).rejects.toThrow(/^tenant "no-such-tenant" has no audit trail in this event store: check the tenant id/);
  });

  it('refuses bad usage (exit 2 through the CLI) and a store that does not exist', async () => {
    const cli = capturedIo();
    expect(await runCli(['audit', 'replay', '--tenant', 'acme'], cli)).toBe(2);
    expect(cli.err()).toBe('goliath audit: give exactly one of --as-of TIME and --position N\nRun "goliath audit --help" for usage.\n');
    const nowhere = join(directory, 'nowhere');
    await expect(runAudit(['verify', '--tenant', 'acme'], capturedIo(), { DATA_DIR: nowhere })).rejects.toThrow(new UsageError(`no event store at ${join(nowhere, 'goliath.db')}: set DATA_DIR or SQLITE_FILE (or EVENTSTORE_URL or POSTGRES_URL) as for the platform`));
  });

  it('names the first tampered entry and exits 1', async () => {
    // Given one entry's stored bytes changed behind the chain's back
    const db = new Database(env.SQLITE_FILE!);
    try {
      const changed = db.prepare(`UPDATE es_events SET data = replace(data, '"problem-137"', '"problem-999"') WHERE stream_id = 'audit-acme' AND data LIKE '%"problem-137"%'`).run();
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    // When verified / Then the break is named and the exit code says so
    const { code, out } = await audit('verify', '--tenant', 'acme');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ valid: false, checkedEntries: 137, firstBrokenPosition: 137, reason: expect.stringContaining('hash') });
  });
});
