import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../cli/goliath';
import { errorCodes, postGraphQL } from '../support/gateway-client';
import { startOidcIssuer, type TestOidcIssuer } from '../support/oidc-issuer';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

/** The first platform-admin of a production deployment: `goliath operators init`, then single sign-on. */
describe('platform operators through the gateway', () => {
  let issuer: TestOidcIssuer;
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

  const goliath = useTestPlatform({
    env: async (dataDir) => {
      issuer = await startOidcIssuer();
      const providerFile = join(dataDir, 'provider.json');
      // The role as such files were written before roles took the API's spelling: still read as PLATFORM_ADMIN.
      writeFileSync(providerFile, JSON.stringify({ name: 'Operators SSO', type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' }, roleMappings: [{ group: 'goliath-operators', role: 'platform-admin' }] }));
      const init = await cli(['operators', 'init', '--name', 'Operators', '--provider', providerFile], { DATA_DIR: dataDir });
      expect(init).toMatchObject({ code: 0, stderr: '' });
      operatorsTenant = (JSON.parse(init.stdout) as { tenantId: string }).tenantId;
      // Development tokens are refused in production: single sign-on is the only way in.
      return { PLATFORM_OPERATOR_TENANT: operatorsTenant, NODE_ENV: 'production' };
    },
  });

  const signIn = async (groups: string[]) =>
    postGraphQL<{ authenticate: { roles: string[]; accessToken: string } }>(goliath.platform.gatewayUrl, 'mutation ($input: AuthenticateInput!) { authenticate(input: $input) { roles accessToken } }', {
      variables: { input: { authType: 'OIDC', tenantId: operatorsTenant, idToken: await issuer.issueIdToken({ sub: `op-${groups.join('-')}`, groups }) } },
    });

  afterAll(async () => {
    await issuer?.stop();
  });

  it('signs an operator in as platform-admin, who then runs the platform', async () => {
    const operator = await signIn(['goliath-operators']);
    expect(operator.errors).toBeUndefined();
    expect(operator.data!.authenticate.roles).toEqual(['PLATFORM_ADMIN']);
    const created = await postGraphQL<{ createTenant: { id: string } }>(goliath.platform.gatewayUrl, 'mutation { createTenant(input: { name: "Acme" }) { id } }', { token: operator.data!.authenticate.accessToken });
    expect(created.errors).toBeUndefined();

    // but no other tenant's provider may hand out platform-admin
    const escalation = await postGraphQL(
      goliath.platform.gatewayUrl,
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

  it('refuses a development token in production, however it was minted', async () => {
    const minted = await goliath.token('PLATFORM_ADMIN');
    expect(errorCodes(await postGraphQL(goliath.platform.gatewayUrl, '{ tenants { edges { node { id } } } }', { token: minted }))).toEqual(['DEVELOPMENT_TOKEN_REFUSED']);
  });

  it("keeps a tenant-admin of the operators' tenant from changing who the platform admins are", async () => {
    // given a user of the operators' tenant made tenant-admin by an operator (development tokens are refused here)
    const operator = (await signIn(['goliath-operators'])).data!.authenticate.accessToken;
    await signIn(['support']);
    const users = await postGraphQL<{ users: { nodes: { id: string; externalId: string }[] } }>(goliath.platform.gatewayUrl, 'query ($t: ID!) { users(tenantId: $t) { nodes { id externalId } } }', {
      token: operator,
      variables: { t: operatorsTenant },
    });
    const supportUser = users.data!.users.nodes.find((user) => user.externalId === 'op-support')!;
    await postGraphQL(goliath.platform.gatewayUrl, 'mutation ($u: ID!) { grantRole(userId: $u, role: TENANT_ADMIN) { id } }', { token: operator, variables: { u: supportUser.id } });
    const tenantAdmin = (await signIn(['support'])).data!.authenticate.accessToken;
    const attempt = await postGraphQL(goliath.platform.gatewayUrl, 'mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id } }', {
      token: tenantAdmin,
      variables: { input: { tenantId: operatorsTenant, name: 'Mine', type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' }, defaultRoles: ['PLATFORM_ADMIN'] } },
    });
    expect(errorCodes(attempt)).toEqual(['FORBIDDEN']);
  });

  it('refuses a second init once the operators tenant is configured, and a provider that makes no platform-admin', async () => {
    const again = await cli(['operators', 'init', '--name', 'Again', '--provider', join(goliath.dataDir, 'provider.json')], { DATA_DIR: goliath.dataDir, PLATFORM_OPERATOR_TENANT: operatorsTenant });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('PLATFORM_OPERATOR_TENANT is already set');
    const useless = join(goliath.dataDir, 'useless.json');
    writeFileSync(useless, JSON.stringify({ name: 'x', type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' } }));
    expect((await cli(['operators', 'init', '--name', 'Ops', '--provider', useless], { DATA_DIR: goliath.dataDir })).code).toBe(2);
    const unknownRole = join(goliath.dataDir, 'unknown-role.json');
    writeFileSync(unknownRole, JSON.stringify({ name: 'x', type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' }, defaultRoles: ['root'] }));
    expect(await cli(['operators', 'init', '--name', 'Ops', '--provider', unknownRole], { DATA_DIR: goliath.dataDir })).toMatchObject({ code: 2, stderr: expect.stringContaining('"root" is not a role') });
  });
});
