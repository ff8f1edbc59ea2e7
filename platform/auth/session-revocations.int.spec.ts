import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../eventstore/port';
import { createSqliteEventStore } from '../eventstore/sqlite';
import { createLogger } from '../logging';
import { SessionRevocationList, type SessionRevocation } from './session-revocations';

const HOUR = 3_600_000;
// The list is handed the names of the revocation events (app/ hands it schema/events'); platform/ cannot name them itself.
const REVOCATION_CATEGORY = 'session';
const filter = { categories: [REVOCATION_CATEGORY], eventTypes: ['SessionRevoked'] };

function revoke(store: EventStore, sessionId: string, expiresAt = new Date(Date.now() + HOUR)) {
  const revocation: SessionRevocation = { sessionId, expiresAt: expiresAt.toISOString() };
  const data = { ...revocation, tenantId: 't1', reason: 'logout', revokedAt: new Date().toISOString() };
  return store.append(
    `${REVOCATION_CATEGORY}-${sessionId}`,
    [{ id: randomUUID(), type: 'SessionRevoked', data, metadata: { tenantId: 't1', actor: 'ada', correlationId: 'c', causationId: 'c', occurredAt: data.revokedAt, schemaVersion: 1 } }],
    'any',
  );
}

async function eventually(check: () => boolean, timeoutMs = 1000): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}

describe('SessionRevocationList on SQLite', () => {
  let dir: string;
  let store: EventStore;
  let otherProcess: EventStore;
  let lists: SessionRevocationList[];
  const follow = async (now?: () => number) => {
    const list = await SessionRevocationList.follow(store, { filter, revocationOf: (event) => event.data as Partial<SessionRevocation>, logger: createLogger('test', 'silent'), retainAfterExpiryMs: 60_000, now });
    lists.push(list);
    return list;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'goliath-revocations-'));
    store = createSqliteEventStore({ file: join(dir, 'goliath.db') });
    otherProcess = createSqliteEventStore({ file: join(dir, 'goliath.db') });
    lists = [];
  });
  afterEach(async () => {
    for (const list of lists) await list.stop();
    await store.close();
    await otherProcess.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('knows every revocation already in the log once it has started', async () => {
    // given revocations among other events
    await revoke(store, 's1');
    await store.append('tenant-1', [{ id: randomUUID(), type: 'TenantCreated', data: {}, metadata: { tenantId: 't1', actor: 'a', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00Z', schemaVersion: 1 } }], 'any');
    await revoke(store, 's2');
    // when the list starts, then it already knows both
    const list = await follow();
    expect([list.isRevoked('s1'), list.isRevoked('s2'), list.isRevoked('s3')]).toEqual([true, true, false]);
  });

  it('learns a revocation appended by this process at once and by another process within a second', async () => {
    const list = await follow();
    await revoke(store, 'here');
    await eventually(() => list.isRevoked('here'), 100);
    await revoke(otherProcess, 'there');
    const elapsed = await eventually(() => list.isRevoked('there'), 1000);
    expect(elapsed).toBeLessThan(1000);
  });

  it('refuses a revoked session with SESSION_REVOKED and lets tokens without a session through', async () => {
    await revoke(store, 's1');
    const list = await follow();
    expect(() => list.assertNotRevoked('s1')).toThrow(expect.objectContaining({ extensions: { code: 'SESSION_REVOKED' } }));
    expect(() => list.assertNotRevoked('s2')).not.toThrow();
    expect(() => list.assertNotRevoked(undefined)).not.toThrow();
  });

  it('forgets a revoked session some time after it has expired anyway', async () => {
    let now = Date.now();
    const expiresAt = new Date(now + 1000);
    await revoke(store, 's1', expiresAt);
    const list = await follow(() => now);
    expect(list.isRevoked('s1')).toBe(true);
    now = expiresAt.getTime() + 60_000 - 1;
    expect(list.isRevoked('s1')).toBe(true);
    now = expiresAt.getTime() + 60_000;
    expect(list.isRevoked('s1')).toBe(false);
    expect(list.size).toBe(0);
  });

  it('tells its listeners of each revocation appended after they registered, until they stop listening', async () => {
    const list = await follow();
    const heard: string[] = [];
    const stop = list.onRevoked((sessionId) => heard.push(sessionId));
    await revoke(otherProcess, 's1');
    await eventually(() => heard.length === 1);
    stop();
    await revoke(otherProcess, 's2');
    await eventually(() => list.isRevoked('s2'));
    expect(heard).toEqual(['s1']);
  });
});
