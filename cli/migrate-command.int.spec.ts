import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPlatform } from '../app/embedded';
import { issueDevelopmentToken } from '../platform/auth/dev-token';
import { createPostgresEventStore } from '../platform/eventstore/postgres';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';
import type { RecordedEvent } from '../platform/eventstore/port';
import { createPostgresReadStore } from '../platform/readstore/postgres';
import { TENANTS_COLLECTION } from '../schema/read-models/tenants';
import { dataOf, postGraphQL } from '../test/support/gateway-client';
import { dropTestSchema, postgresTestUrl, uniqueSchema } from '../test/support/postgres-test-database';
import { runCli } from './goliath';
import { capturedIo } from './test-support/captured-io';

jest.setTimeout(60_000);

const d = postgresTestUrl ? describe : describe.skip;

async function logOf(store: { readAll(): AsyncIterable<RecordedEvent>; close(): Promise<void> }) {
  const events: Pick<RecordedEvent, 'id' | 'streamId' | 'revision' | 'position' | 'type' | 'data' | 'metadata'>[] = [];
  for await (const { id, streamId, revision, position, type, data, metadata } of store.readAll()) events.push({ id, streamId, revision, position, type, data, metadata });
  await store.close();
  return events;
}

/** `goliath migrate` from a SQLite file the platform wrote into a PostgreSQL schema of its own. */
d('goliath migrate', () => {
  let directory: string;
  let file: string;
  const schema = uniqueSchema('migrate');
  const migrate = async (...argv: string[]) => {
    const io = capturedIo();
    const code = await runCli(['migrate', ...argv], io);
    return { code, out: io.out(), err: io.err() };
  };

  beforeAll(async () => {
    // given a platform's SQLite file with two tenants, a problem and their audit trails
    directory = mkdtempSync(join(tmpdir(), 'goliath-migrate-'));
    const platform = await startEmbeddedPlatform({ port: 0, dataDir: directory, logLevel: 'silent' });
    try {
      const token = await issueDevelopmentToken({ role: 'PLATFORM_ADMIN', keysDir: platform.keysDir });
      for (const name of ['Acme', 'Globex']) {
        const { createTenant } = dataOf(await postGraphQL<{ createTenant: { id: string } }>(platform.gatewayUrl, `mutation { createTenant(input: { name: "${name}" }) { id } }`, { token }));
        dataOf(
          await postGraphQL(platform.gatewayUrl, `mutation { createProblem(input: { tenantId: "${createTenant.id}", name: "p", qubo: { variables: ["a"], linear: [{ variable: "a", coefficient: 1 }], quadratic: [], sense: MINIMIZE } }) { id } }`, { token }),
        );
      }
    } finally {
      await platform.stop();
    }
    file = join(directory, 'goliath.db');
  });

  afterAll(async () => {
    await dropTestSchema(schema);
    rmSync(directory, { recursive: true, force: true });
  });

  it('copies every event with its id, stream, revision, position and metadata, builds the read models and verifies every audit chain', async () => {
    // when the log is migrated
    const { code, out, err } = await migrate('--from', `sqlite:${file}`, '--to', `postgres:${postgresTestUrl}`, '--schema', schema);

    // then it exits 0, every chain valid
    expect({ code, err: err.split('\n').filter((line) => /failure|Error/.test(line)) }).toEqual({ code: 0, err: [] });
    const chains = out.trim().split('\n').map((line) => JSON.parse(line) as { tenantId: string; valid: boolean });
    expect(chains.length).toBeGreaterThanOrEqual(2);
    expect(chains.every((chain) => chain.valid)).toBe(true);
    // the log is the same, event for event
    const target = createPostgresEventStore({ connectionString: postgresTestUrl!, schema });
    expect(await logOf(target)).toEqual(await logOf(createSqliteEventStore({ file })));
    // and the read models were built from it
    const readStore = createPostgresReadStore({ connectionString: postgresTestUrl!, schema });
    try {
      expect(await readStore.collection(TENANTS_COLLECTION).count()).toBe(2);
    } finally {
      await readStore.close();
    }
  });

  it('refuses a target that already holds events, and changes nothing there', async () => {
    const { code, err } = await migrate('--from', `sqlite:${file}`, '--to', `postgres:${postgresTestUrl}`, '--schema', schema);

    expect(code).toBe(2);
    expect(err).toContain('the target already holds events');
  });

  it('refuses options it cannot use', async () => {
    expect((await migrate('--from', file, '--to', `postgres:${postgresTestUrl}`)).err).toContain('--from must be sqlite:FILE');
    expect((await migrate('--from', `sqlite:${join(directory, 'missing.db')}`, '--to', `postgres:${postgresTestUrl}`)).err).toContain('no SQLite file at');
  });
});
