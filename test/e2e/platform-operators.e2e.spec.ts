import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../../app/embedded';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import { runCli } from '../../cli/goliath';
import { errorCodes, postGraphQL } from '../support/gateway-client';
import { startOidcIssuer, type TestOidcIssuer } from '../support/oidc-issuer';

jest.setTimeout(60_000);

/** The first platform-admin of a production deployment: `goliath operators init`, then single sign-on. */
describe('platform operators through the gateway', () => {
  let dataDir: string;
  let issuer: TestOidcIssuer;
  let platform: EmbeddedPlatform;
  let operatorsTenant: string;

  const cli = async (argv: string[], env: NodeJS.ProcessEnv) => {
    let stdout = '';
    let stderr = '';
    const previous = { ...process.env };
    Object.assign(process.env, env);
    try {
      const code = await runCli(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
      return { code, stdout, stderr };
    } finally {
      process.env = previous;
    }
  };
  const signIn = async (groups: string[]) =>
    postGraphQL<{ authenticate: { roles: string[]; accessToken: string } }>(platform.gatewayUrl, 'mutation ($input: AuthenticateInput!) { authenticate(input: $input) { roles accessToken } }', {
      variables: { input: { authType: 'OIDC', tenantId: operatorsTenant, idToken: await issuer.issueIdToken({ sub: `op-${groups.join('-')}`, groups }) } },
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'goliath-operators-e2e-'));
    issuer = await startOidcIssuer();
    const providerFile = join(dataDir, 'provider.json');
    writeFileSync(providerFile, JSON.stringify({ name: 'Operators SSO', type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' }, roleMappings: [{ group: 'goliath-operators', role: 'platform-admin' }] }));
    const init = await cli(['operators', 'init', '--name', 'Operators', '--provider', providerFile], { DATA_DIR: dataDir });
    expect(init).toMatchObject({ code: 0, stderr: '' });
    operatorsTenant = (JSON.parse(init.stdout) as { tenantId: string }).tenantId;
    // Development tokens are refused in production: single sign-on is the only way in.
    platform = await startEmbeddedPlatform({ port: 0, dataDir, logLevel: 'silent', env: { PLATFORM_OPERATOR_TENANT: operatorsTenant, NODE_ENV: 'production' } });
  });

  afterAll(async () => {
    await platform?.stop();
    await issuer?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs an operator in as platform-admin, who then runs the platform', async () => {
    const operator = await signIn(['goliath-operators']);
    expect(operator.errors).toBeUndefined();
    expect(operator.data!.authenticate.roles).toEqual(['PLATFORM_ADMIN']);
    const created = await postGraphQL<{ createTenant: { id: string } }>(platform.gatewayUrl, 'mutation { createTenant(input: { name: "Acme" }) { id } }', { token: operator.data!.authenticate.accessToken });
    expect(created.errors).toBeUndefined();

    // but no other tenant's provider may hand out platform-admin
    const escalation = await postGraphQL(
      platform.gatewayUrl,
      'mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id } }',
      {
        token: operator.data!.authenticate.accessToken,
        variables: { input: { tenantId: created.data!.createTenant.id, name: 'Acme SSO', type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' }, defaultRoles: ['PLATFORM_ADMIN'] } },
      },
    );
    expect(errorCodes(escalation)).toEqual(['FORBIDDEN']);
  });

  it('gives a member of the operators tenant outside the operators group no role', async () => {
    expect(errorCodes(await signIn(['finance']))).toEqual(['FORBIDDEN']);
  });

  it("keeps a tenant-admin of the operators' tenant from changing who the platform admins are", async () => {
    const tenantAdmin = await issueDevelopmentToken({ role: 'tenant-admin', tenantId: operatorsTenant, keysDir: platform.keysDir });
    const attempt = await postGraphQL(platform.gatewayUrl, 'mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id } }', {
      token: tenantAdmin,
      variables: { input: { tenantId: operatorsTenant, name: 'Mine', type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' }, defaultRoles: ['PLATFORM_ADMIN'] } },
    });
    expect(errorCodes(attempt)).toEqual(['FORBIDDEN']);
  });

  it('refuses a second init once the operators tenant is configured, and a provider that makes no platform-admin', async () => {
    const again = await cli(['operators', 'init', '--name', 'Again', '--provider', join(dataDir, 'provider.json')], { DATA_DIR: dataDir, PLATFORM_OPERATOR_TENANT: operatorsTenant });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('PLATFORM_OPERATOR_TENANT is already set');
    const useless = join(dataDir, 'useless.json');
    writeFileSync(useless, JSON.stringify({ name: 'x', type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' } }));
    expect((await cli(['operators', 'init', '--name', 'Ops', '--provider', useless], { DATA_DIR: dataDir })).code).toBe(2);
  });
});
