import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPlatform } from '../../app/embedded';
import { verifyAuditChain } from '../../platform/audit';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import { streamCategory, type EventStore } from '../../platform/eventstore/port';
import { createPostgresEventStore } from '../../platform/eventstore/postgres';
import { createPostgresReadStore } from '../../platform/readstore/postgres';
import { TENANTS_COLLECTION } from '../../schema/read-models/tenants';
import { runAudit } from '../../cli/audit-command';
import { capturedIo } from '../../cli/test-support/captured-io';
import { dataOf, postGraphQL } from '../support/gateway-client';
import { dropTestSchema, postgresTestUrl, uniqueSchema } from '../support/postgres-test-database';

jest.setTimeout(60_000);

const d = postgresTestUrl ? describe : describe.skip;

async function logAndChains(eventStore: EventStore) {
  const log = [];
  for await (const { id, streamId, revision, position } of eventStore.readAll()) log.push({ id, streamId, revision, position });
  const tenants = [...new Set(log.map((event) => event.streamId).filter((streamId) => streamCategory(streamId) === 'audit'))].map((streamId) => streamId.slice('audit-'.length));
  const chains = await Promise.all(tenants.map(async (tenantId) => ({ tenantId, ...(await verifyAuditChain(eventStore, tenantId)) })));
  await eventStore.close();
  return { log, chains };
}

/** The README's backup and restore, as written: pg_dump of one consistent snapshot, pg_restore into a new database. */
d('PostgreSQL backup and restore', () => {
  const schema = uniqueSchema('backup');
  const restoredDatabase = `goliath_restore_${schema.split('_').slice(1).join('_')}`;
  const restoredUrl = () => {
    const url = new URL(postgresTestUrl!);
    url.pathname = `/${restoredDatabase}`;
    return url.toString();
  };
  let directory: string;

  const admin = async (sql: string) => {
    const client = new Client({ connectionString: postgresTestUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'goliath-backup-'));
    // given a platform that ran on PostgreSQL: tenants, problems, their audit trails and read models
    const platform = await startEmbeddedPlatform({
      port: 0,
      dataDir: directory,
      logLevel: 'silent',
      env: { EVENT_STORE: 'postgres', READ_STORE: 'postgres', POSTGRES_URL: postgresTestUrl, POSTGRES_SCHEMA: schema },
    });
    try {
      const token = await issueDevelopmentToken({ role: 'PLATFORM_ADMIN', keysDir: platform.keysDir });
      for (const name of ['Acme', 'Globex', 'Initech']) {
        const { createTenant } = dataOf(await postGraphQL<{ createTenant: { id: string } }>(platform.gatewayUrl, `mutation { createTenant(input: { name: "${name}" }) { id } }`, { token }));
        dataOf(
          await postGraphQL(platform.gatewayUrl, `mutation { createProblem(input: { tenantId: "${createTenant.id}", name: "p", qubo: { variables: ["a"], linear: [{ variable: "a", coefficient: 1 }], quadratic: [], sense: MINIMIZE } }) { id } }`, { token }),
        );
      }
    } finally {
      await platform.stop();
    }
  });

  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${restoredDatabase}`);
    await dropTestSchema(schema);
    rmSync(directory, { recursive: true, force: true });
  });

  it('restores the log, every audit chain and the read models exactly', async () => {
    // when the schema is dumped and restored into a new database
    const dump = join(directory, 'goliath.dump');
    execFileSync('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${dump}`, postgresTestUrl!]);
    await admin(`CREATE DATABASE ${restoredDatabase}`);
    execFileSync('pg_restore', [`--dbname=${restoredUrl()}`, dump]);

    // then the restored log is the same, event for event, and every chain verifies there
    const original = await logAndChains(createPostgresEventStore({ connectionString: postgresTestUrl!, schema }));
    const restored = await logAndChains(createPostgresEventStore({ connectionString: restoredUrl(), schema }));
    expect(original.log.length).toBeGreaterThan(6);
    expect(restored).toEqual(original);
    expect(restored.chains.length).toBeGreaterThanOrEqual(3);
    expect(restored.chains.every((chain) => chain.valid)).toBe(true);
    // as `goliath audit verify` finds, pointed at the restored database
    const io = capturedIo();
    const code = await runAudit(['verify', '--tenant', restored.chains[0].tenantId], io, { POSTGRES_URL: restoredUrl(), POSTGRES_SCHEMA: schema });
    expect({ code, verdict: JSON.parse(io.out()) as unknown }).toEqual({ code: 0, verdict: expect.objectContaining({ valid: true }) });
    // and the read models came with it
    const readStore = createPostgresReadStore({ connectionString: restoredUrl(), schema });
    try {
      expect(await readStore.collection(TENANTS_COLLECTION).count()).toBe(3);
    } finally {
      await readStore.close();
    }
  });
});
