import Database from 'better-sqlite3';
import { join } from 'node:path';
import { dataOf, errorCodes } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

/** recordAuditEntry, auditTrail and verifyAuditChain through the gateway. */
describe('audit trail through the gateway', () => {
  const goliath = useTestPlatform({ adminSubject: 'ada' });
  const { call } = goliath;
  let tenantId: string;
  let outsider: string;

  const record = (input: Record<string, unknown>, token = goliath.admin) =>
    call<{ recordAuditEntry: { sequence: number; actor: string; hash: string } }>(
      'mutation ($input: RecordAuditEntryInput!) { recordAuditEntry(input: $input) { sequence actor action target outcome hash details } }',
      { input: { tenantId, ...input } },
      token,
    );
  const verify = async () =>
    dataOf(await call<{ verifyAuditChain: { valid: boolean; checkedEntries: number; firstBrokenPosition: number | null } }>('query ($tenantId: ID!) { verifyAuditChain(tenantId: $tenantId) { valid checkedEntries firstBrokenPosition reason } }', { tenantId })).verifyAuditChain;

  beforeAll(async () => {
    const [audited, other] = await goliath.createTenants('Audited', 'Other');
    tenantId = audited;
    outsider = await goliath.token('TENANT_ADMIN', other);
  });

  it('chains recorded entries, lists them by action, and verifies the chain', async () => {
    // (entry 0 is the tenant's creation, audited by the middleware)
    const first = dataOf(await record({ action: 'export.requested', target: 'portfolio-7', details: { rows: 120 } })).recordAuditEntry;
    expect(first).toMatchObject({ sequence: 1, actor: 'ada' });
    dataOf(await record({ action: 'login.reviewed', target: 'user-42' }));
    dataOf(await record({ action: 'export.requested', target: 'portfolio-8' }));

    const trail = dataOf(
      await call<{ auditTrail: { edges: { node: { sequence: number; target: string } }[] } }>(
        'query ($tenantId: ID!) { auditTrail(tenantId: $tenantId, filter: { action: "export.requested" }) { edges { node { sequence target } } } }',
        { tenantId },
      ),
    ).auditTrail;
    expect(trail.edges.map((edge) => edge.node)).toEqual([
      { sequence: 1, target: 'portfolio-7' },
      { sequence: 3, target: 'portfolio-8' },
    ]);
    expect(await verify()).toMatchObject({ valid: true, checkedEntries: 4, firstBrokenPosition: null });
  });

  it('refuses an entry without an action, details that are not an object, and another tenant', async () => {
    expect(errorCodes(await record({ action: ' ', target: 't' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await record({ action: 'x', target: 't', details: [1, 2] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await record({ action: 'x', target: 't' }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call('query ($tenantId: ID!) { verifyAuditChain(tenantId: $tenantId) { valid } }', { tenantId }, outsider))).toEqual(['FORBIDDEN']);
  });

  it('names the first entry whose stored bytes were changed behind its back', async () => {
    // given the SQLite file edited directly (what an attacker with disk access could do)
    const db = new Database(join(goliath.dataDir, 'goliath.db'));
    try {
      const changed = db
        .prepare("UPDATE es_events SET data = replace(data, 'login.reviewed', 'login.ignored') WHERE stream_id = ? AND type = 'AuditEntryRecorded' AND data LIKE '%login.reviewed%'")
        .run(`audit-${tenantId}`);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    // then verification through the gateway reports that entry's position
    expect(await verify()).toMatchObject({ valid: false, checkedEntries: 2, firstBrokenPosition: 2 });
  });
});
