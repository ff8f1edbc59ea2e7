import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../../cli/audit-command';
import { runOperators } from '../../cli/operators-command';
import { capturedIo } from '../../cli/test-support/captured-io';
import { runUsage } from '../../cli/usage-command';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../../app/embedded';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import { dataOf, postGraphQL } from '../support/gateway-client';
import { dropTestSchema, postgresTestUrl, uniqueSchema } from '../support/postgres-test-database';

jest.setTimeout(60_000);

const d = postgresTestUrl ? describe : describe.skip;

/** The commands that work on the platform's stores, pointed at PostgreSQL as the platform is (POSTGRES_URL, POSTGRES_SCHEMA). */
d('goliath commands on PostgreSQL', () => {
  const schema = uniqueSchema('cli');
  let directory: string;
  let platform: EmbeddedPlatform;
  let tenantId: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // given a platform running on PostgreSQL with one tenant
    directory = mkdtempSync(join(tmpdir(), 'goliath-pg-cli-'));
    env = { DATA_DIR: directory, LOG_LEVEL: 'silent', POSTGRES_URL: postgresTestUrl, POSTGRES_SCHEMA: schema };
    platform = await startEmbeddedPlatform({ port: 0, dataDir: directory, logLevel: 'silent', env });
    const token = await issueDevelopmentToken({ role: 'PLATFORM_ADMIN', keysDir: platform.keysDir });
    tenantId = dataOf(await postGraphQL<{ createTenant: { id: string } }>(platform.gatewayUrl, 'mutation { createTenant(input: { name: "Acme" }) { id } }', { token })).createTenant.id;
  });

  afterAll(async () => {
    await platform.stop();
    await dropTestSchema(schema);
    rmSync(directory, { recursive: true, force: true });
  });

  it('imports usage (usage import)', async () => {
    const file = join(directory, 'usage.csv');
    const start = Date.UTC(2026, 10, 2);
    writeFileSync(file, ['timestamp,value', ...Array.from({ length: 30 }, (_, hour) => `${new Date(start + hour * 3_600_000).toISOString()},${hour + 1}`)].join('\n'));
    const io = capturedIo();

    const code = await runUsage(['import', file, '--tenant', tenantId, '--resource', 'compute', '--aggregate', 'sum'], io, env);

    expect({ code, err: io.err() }).toMatchObject({ code: 0 });
    expect(JSON.parse(io.out())).toMatchObject({ rows: 30, hours: 30, applied: true });
  });

  it('verifies, replays and exports the tenant\'s audit trail (audit verify | replay | export)', async () => {
    const verify = capturedIo();
    expect(await runAudit(['verify', '--tenant', tenantId], verify, env)).toBe(0);
    expect(JSON.parse(verify.out())).toMatchObject({ valid: true });

    const replay = capturedIo();
    expect(await runAudit(['replay', '--tenant', tenantId, '--as-of', new Date().toISOString()], replay, env)).toBe(0);
    expect(replay.out()).toContain(tenantId);

    const exported = capturedIo();
    expect(await runAudit(['export', '--tenant', tenantId], exported, env)).toBe(0);
    expect(exported.out().trim().split('\n').length).toBeGreaterThanOrEqual(2);
  });

  it("creates the operators' tenant and its identity provider (operators init)", async () => {
    const provider = join(directory, 'provider.json');
    writeFileSync(provider, JSON.stringify({ name: 'Okta', type: 'OIDC', oidc: { issuer: 'https://acme.okta.com', clientId: 'goliath' }, roleMappings: [{ group: 'goliath-operators', role: 'PLATFORM_ADMIN' }] }));
    const io = capturedIo();

    const code = await runOperators(['init', '--name', 'Operators', '--provider', provider], io, env);

    expect({ code, err: io.err() }).toMatchObject({ code: 0 });
    expect(io.out()).toMatch(/[0-9a-f-]{36}/);
  });
});
