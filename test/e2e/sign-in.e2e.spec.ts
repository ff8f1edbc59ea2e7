import { join } from 'node:path';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite/sqlite-event-store';
import { dataOf, errorCodes, postGraphQL } from '../support/gateway-client';
import { startOidcIssuer, type TestOidcIssuer } from '../support/oidc-issuer';
import { createTestIdentityProvider, type TestIdentityProvider } from '../support/saml-identity-provider';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

interface AuthenticationResult {
  isAuthenticated: boolean;
  userId: string;
  sessionId: string;
  roles: string[];
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

const RESULT_FIELDS = 'isAuthenticated userId sessionId roles accessToken refreshToken expiresAt sessionExpiresAt';

/** Enterprise sign-in end to end, through the gateway: SAML (API and browser flow), OIDC, sessions, roles, audit. */
describe('sign-in through the gateway', () => {
  const goliath = useTestPlatform();
  let tenantA: string;
  let tenantB: string;
  let origin: string;
  let idp: TestIdentityProvider;
  let issuer: TestOidcIssuer;

  /** As no one unless a token is given: signing in needs none. */
  const call = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token: string | null = null) => goliath.call<T>(query, variables, token);
  const authenticate = (input: Record<string, unknown>) =>
    call<{ authenticate: AuthenticationResult }>(`mutation ($input: AuthenticateInput!) { authenticate(input: $input) { ${RESULT_FIELDS} } }`, { input });
  const samlSignIn = async (options: Parameters<TestIdentityProvider['signedResponse']>[0] = {}) =>
    dataOf(await authenticate({ authType: 'SAML', tenantId: tenantA, assertion: idp.signedResponse(options) })).authenticate;
  const configure = (input: Record<string, unknown>, token = goliath.admin) =>
    call<{ configureIdentityProvider: { id: string; ldap?: { bindPasswordSet: boolean } } }>(
      'mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id name type ldap { bindPasswordSet } saml { acsUrl spEntityId } } }',
      { input },
      token,
    );

  beforeAll(async () => {
    origin = new URL(goliath.platform.gatewayUrl).origin;
    [tenantA, tenantB] = await goliath.createTenants('Signed', 'Other');
    const serviceProvider = { entityId: `${origin}/auth/saml/${tenantA}/metadata`, acsUrl: `${origin}/auth/saml/${tenantA}/acs` };
    idp = await createTestIdentityProvider({ serviceProvider, ssoUrl: 'http://127.0.0.1:9/sso' });
    dataOf(
      await configure({
        tenantId: tenantA,
        name: 'Corporate SAML',
        type: 'SAML',
        saml: { idpEntityId: idp.entityId, ssoUrl: idp.ssoUrl, signingCertificates: [idp.certificatePem], spEntityId: serviceProvider.entityId, acsUrl: serviceProvider.acsUrl },
        roleMappings: [{ group: 'analysts', role: 'ANALYST' }],
      }),
    );
    issuer = await startOidcIssuer();
    dataOf(await configure({ tenantId: tenantA, name: 'Okta', type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' }, defaultRoles: ['VIEWER'] }));
  });

  afterAll(async () => {
    await issuer?.stop();
  });

  it('signs in with a SAML response, allows what the mapped role allows and refuses the rest', async () => {
    const result = await samlSignIn({ nameId: 'ada@example.com', attributes: { groups: ['analysts'], email: 'ada@example.com' } });
    expect(result).toMatchObject({ isAuthenticated: true, roles: ['ANALYST'] });

    const own = await call(`query ($t: ID!) { problems(tenantId: $t) { edges { node { id } } } }`, { t: tenantA }, result.accessToken);
    expect(own.errors).toBeUndefined();
    expect(errorCodes(await call(`query ($t: ID!) { problems(tenantId: $t) { edges { node { id } } } }`, { t: tenantB }, result.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call('mutation { createTenant(input: { name: "Nope" }) { id } }', {}, result.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call(`query ($t: ID!) { auditTrail(tenantId: $t) { edges { cursor } } }`, { t: tenantA }, result.accessToken))).toEqual(['FORBIDDEN']);
  });

  it('audits what a SAML user did, verifies the chain, and replays the tenant as of before it', async () => {
    // given a SAML analyst who creates a problem
    const analyst = await samlSignIn({ nameId: 'kay@example.com', attributes: { groups: ['analysts'] } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const created = dataOf(
      await call<{ createProblem: { id: string } }>(
        'mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }',
        { input: { tenantId: tenantA, name: 'Audited portfolio', qubo: { variables: ['a', 'b'], linear: [{ variable: 'a', coefficient: -1 }] } } },
        analyst.accessToken,
      ),
    ).createProblem;

    // then the trail names the user for the sign-in and the change, and the chain verifies
    const trail = dataOf(
      await call<{ auditTrail: { edges: { node: { action: string; actor: string; target: string; outcome: string } }[] } }>(
        'query ($t: ID!, $actor: String!) { auditTrail(tenantId: $t, filter: { actor: $actor }, first: 100) { edges { node { action actor target outcome } } } }',
        { t: tenantA, actor: analyst.userId },
        goliath.admin,
      ),
    ).auditTrail.edges.map((edge) => edge.node);
    expect(trail).toEqual(
      expect.arrayContaining([
        { action: 'enterprise.signIn', actor: analyst.userId, target: analyst.userId, outcome: 'success' },
        { action: 'optimization.createProblem', actor: analyst.userId, target: created.id, outcome: 'success' },
      ]),
    );
    const chain = dataOf(await call<{ verifyAuditChain: { valid: boolean; checkedEntries: number } }>('query ($t: ID!) { verifyAuditChain(tenantId: $t) { valid checkedEntries } }', { t: tenantA }, goliath.admin)).verifyAuditChain;
    expect(chain.valid).toBe(true);
    expect(chain.checkedEntries).toBeGreaterThan(trail.length);

    // and a replay as of before the change shows the user but not the problem; now, both
    const replay = async (asOf: string) =>
      dataOf(
        await call<{ replayAudit: { aggregates: { name: string; documents: { id: string }[] }[] } }>(
          'query ($t: ID!, $asOf: DateTime) { replayAudit(tenantId: $t, asOf: $asOf) { aggregates { name documents } } }',
          { t: tenantA, asOf },
          goliath.admin,
        ),
      ).replayAudit.aggregates;
    const ids = (aggregates: { name: string; documents: { id: string }[] }[], name: string) => (aggregates.find((aggregate) => aggregate.name === name)?.documents ?? []).map((document) => document.id);
    const past = await replay(before);
    expect(ids(past, 'users')).toContain(analyst.userId);
    expect(ids(past, 'problems')).not.toContain(created.id);
    expect(ids(await replay(new Date().toISOString()), 'problems')).toContain(created.id);
  });

  it('refuses a replayed SAML response and a forged one, each with its own code, and records both', async () => {
    const response = idp.signedResponse({ attributes: { groups: ['analysts'] } });
    dataOf(await authenticate({ authType: 'SAML', tenantId: tenantA, assertion: response }));
    expect(errorCodes(await authenticate({ authType: 'SAML', tenantId: tenantA, assertion: response }))).toEqual(['SAML_ASSERTION_REPLAYED']);
    expect(errorCodes(await authenticate({ authType: 'SAML', tenantId: tenantA, assertion: idp.signedResponse({ audience: 'https://elsewhere.example' }) }))).toEqual([
      'SAML_AUDIENCE_MISMATCH',
    ]);
    expect(errorCodes(await authenticate({ authType: 'SAML', tenantId: tenantB, assertion: idp.signedResponse() }))).toEqual(['IDENTITY_PROVIDER_NOT_CONFIGURED']);

    const trail = dataOf(
      await call<{ auditTrail: { edges: { node: { action: string; outcome: string; details: { code?: string } } }[] } }>(
        `query ($t: ID!) { auditTrail(tenantId: $t, filter: { action: "enterprise.signIn" }, first: 100) { edges { node { action outcome details } } } }`,
        { t: tenantA },
        goliath.admin,
      ),
    ).auditTrail.edges.map((edge) => edge.node);
    expect(trail.filter((entry) => entry.outcome === 'failure').map((entry) => entry.details.code)).toEqual(expect.arrayContaining(['SAML_ASSERTION_REPLAYED', 'SAML_AUDIENCE_MISMATCH']));
    expect(trail.some((entry) => entry.outcome === 'success')).toBe(true);
  });

  it('serves the SAML browser flow at the gateway: metadata, redirect to the IdP, and the ACS', async () => {
    const metadata = await fetch(`${origin}/auth/saml/${tenantA}/metadata`);
    expect(metadata.status).toBe(200);
    const xml = await metadata.text();
    expect(xml).toContain(`entityID="${origin}/auth/saml/${tenantA}/metadata"`);
    expect(xml).toContain(`Location="${origin}/auth/saml/${tenantA}/acs"`);

    const login = await fetch(`${origin}/auth/saml/${tenantA}/login?relayState=/playground`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const location = new URL(login.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(idp.ssoUrl);
    expect(location.searchParams.get('SAMLRequest')).toBeTruthy();

    const form = new URLSearchParams({ SAMLResponse: idp.signedResponse({ attributes: { groups: ['analysts'] } }), RelayState: '/playground' });
    const acs = await fetch(`${origin}/auth/saml/${tenantA}/acs`, { method: 'POST', body: form, redirect: 'manual' });
    expect(acs.status).toBe(303);
    const fragment = new URLSearchParams(new URL(acs.headers.get('location')!, origin).hash.slice(1));
    expect(fragment.get('roles')).toBe('ANALYST');
    expect((await call('{ tenants { edges { node { id } } } }', {}, fragment.get('access_token')!)).errors).toBeUndefined();

    const offSite = new URLSearchParams({ SAMLResponse: idp.signedResponse(), RelayState: 'https://evil.example/steal' });
    const noRedirect = await fetch(`${origin}/auth/saml/${tenantA}/acs`, { method: 'POST', body: offSite, redirect: 'manual' });
    expect(noRedirect.status).toBe(200);
    const forged = await fetch(`${origin}/auth/saml/${tenantA}/acs`, { method: 'POST', body: new URLSearchParams({ SAMLResponse: idp.signedResponse({ audience: 'x' }) }) });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: 'SAML_AUDIENCE_MISMATCH' } });
  });

  it('signs in with an OIDC id token; refuses a forged one', async () => {
    const result = dataOf(await authenticate({ authType: 'OIDC', tenantId: tenantA, idToken: await issuer.issueIdToken({ sub: 'grace', email: 'grace@example.com' }) })).authenticate;
    expect(result.roles).toEqual(['VIEWER']);
    expect(errorCodes(await authenticate({ authType: 'OIDC', tenantId: tenantA, idToken: await issuer.issueIdToken({ sub: 'grace' }, { signWithUnpublishedKey: true }) }))).toEqual([
      'OIDC_TOKEN_INVALID',
    ]);
    expect(errorCodes(await authenticate({ authType: 'OIDC', tenantId: tenantA, idToken: 'x', password: 'stray' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('rotates refresh tokens, ends the session when a spent one comes back, and logs out', async () => {
    const first = await samlSignIn({ attributes: { groups: ['analysts'] } });
    const second = dataOf(await call<{ refreshSession: AuthenticationResult }>(`mutation ($r: String!) { refreshSession(refreshToken: $r) { ${RESULT_FIELDS} } }`, { r: first.refreshToken })).refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.sessionId).toBe(first.sessionId);

    expect(errorCodes(await call(`mutation ($r: String!) { refreshSession(refreshToken: $r) { accessToken } }`, { r: first.refreshToken }))).toEqual(['REFRESH_TOKEN_REUSED']);
    expect(errorCodes(await call('{ tenants { edges { cursor } } }', {}, second.accessToken))).toEqual(['SESSION_REVOKED']);
    expect(errorCodes(await call(`mutation ($r: String!) { refreshSession(refreshToken: $r) { accessToken } }`, { r: second.refreshToken }))).toEqual(['SESSION_REVOKED']);

    const third = await samlSignIn({ attributes: { groups: ['analysts'] } });
    dataOf(await call('mutation { logout }', {}, third.accessToken));
    expect(errorCodes(await call('{ tenants { edges { cursor } } }', {}, third.accessToken))).toEqual(['SESSION_REVOKED']);
  });

  it('lists users and sessions, grants and revokes roles, and an admin revokes a session', async () => {
    const result = await samlSignIn({ nameId: 'lin@example.com', attributes: { groups: ['analysts'] } });
    const granted = dataOf(
      await call<{ grantRole: { roles: string[]; grantedRoles: string[] } }>(`mutation ($u: ID!) { grantRole(userId: $u, role: AUDITOR) { roles grantedRoles } }`, { u: result.userId }, goliath.admin),
    ).grantRole;
    expect(granted).toEqual({ roles: ['ANALYST', 'AUDITOR'], grantedRoles: ['AUDITOR'] });
    const refreshed = dataOf(await call<{ refreshSession: AuthenticationResult }>(`mutation ($r: String!) { refreshSession(refreshToken: $r) { ${RESULT_FIELDS} } }`, { r: result.refreshToken })).refreshSession;
    expect(refreshed.roles).toEqual(['ANALYST', 'AUDITOR']);
    expect(errorCodes(await call(`mutation ($u: ID!) { revokeRole(userId: $u, role: ANALYST) { roles } }`, { u: result.userId }, goliath.admin))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await call(`mutation ($u: ID!) { grantRole(userId: $u, role: PLATFORM_ADMIN) { roles } }`, { u: result.userId }, goliath.admin))).toEqual(['FORBIDDEN']);

    const users = dataOf(await call<{ users: { nodes: { id: string; externalId: string }[] } }>(`query ($t: ID!) { users(tenantId: $t) { nodes { id externalId } } }`, { t: tenantA }, goliath.admin)).users;
    expect(users.nodes).toEqual(expect.arrayContaining([{ id: result.userId, externalId: 'lin@example.com' }]));
    const outsider = await goliath.token('TENANT_ADMIN', tenantB);
    expect(errorCodes(await call(`mutation ($s: ID!) { revokeSession(sessionId: $s) { id } }`, { s: result.sessionId }, outsider))).toEqual(['NOT_FOUND']);

    const revoked = dataOf(await call<{ revokeSession: { revocationReason: string } }>(`mutation ($s: ID!) { revokeSession(sessionId: $s) { revocationReason } }`, { s: result.sessionId }, goliath.admin)).revokeSession;
    expect(revoked.revocationReason).toBe('revoked');
    expect(errorCodes(await call('{ tenants { edges { cursor } } }', {}, refreshed.accessToken))).toEqual(['SESSION_REVOKED']);
  });

  it("ends a user's sessions when a granted role is revoked, and a provider's when it is removed", async () => {
    const user = await samlSignIn({ nameId: 'max@example.com', attributes: { groups: ['analysts'] } });
    dataOf(await call(`mutation ($u: ID!) { grantRole(userId: $u, role: AUDITOR) { id } }`, { u: user.userId }, goliath.admin));
    const refreshed = dataOf(await call<{ refreshSession: AuthenticationResult }>(`mutation ($r: String!) { refreshSession(refreshToken: $r) { ${RESULT_FIELDS} } }`, { r: user.refreshToken })).refreshSession;
    expect(refreshed.roles).toEqual(['ANALYST', 'AUDITOR']);
    dataOf(await call(`mutation ($u: ID!) { revokeRole(userId: $u, role: AUDITOR) { id } }`, { u: user.userId }, goliath.admin));
    expect(errorCodes(await call('{ tenants { edges { cursor } } }', {}, refreshed.accessToken))).toEqual(['SESSION_REVOKED']);

    const oidcIssuer = await startOidcIssuer();
    try {
      const provider = dataOf(
        await configure({ tenantId: tenantB, name: 'Short-lived', type: 'OIDC', oidc: { issuer: oidcIssuer.url, clientId: 'goliath' }, defaultRoles: ['VIEWER'] }),
      ).configureIdentityProvider;
      const viewer = dataOf(await authenticate({ authType: 'OIDC', tenantId: tenantB, idToken: await oidcIssuer.issueIdToken({ sub: 'vic' }) })).authenticate;
      dataOf(await call('mutation ($p: ID!) { removeIdentityProvider(providerId: $p) }', { p: provider.id }, goliath.admin));
      expect(errorCodes(await call('{ tenants { edges { cursor } } }', {}, viewer.accessToken))).toEqual(['SESSION_REVOKED']);
      expect(errorCodes(await authenticate({ authType: 'OIDC', tenantId: tenantB, idToken: await oidcIssuer.issueIdToken({ sub: 'vic' }) }))).toEqual(['IDENTITY_PROVIDER_NOT_CONFIGURED']);
    } finally {
      await oidcIssuer.stop();
    }
  });

  it('keeps the LDAP bind password out of events, read models and answers', async () => {
    const secret = 'ldap-bind-password-that-must-not-leak';
    const provider = dataOf(
      await configure({
        tenantId: tenantA,
        name: 'Directory',
        type: 'LDAP',
        ldap: { url: 'ldap://127.0.0.1:9', bindDn: 'cn=svc,dc=example,dc=org', bindPassword: secret, searchBase: 'dc=example,dc=org', searchFilter: '(uid={username})' },
      }),
    ).configureIdentityProvider;
    expect(provider.ldap).toEqual({ bindPasswordSet: true });
    expect(errorCodes(await authenticate({ authType: 'LDAP', tenantId: tenantA, username: 'alice', password: 'x' }))).toEqual(['IDENTITY_PROVIDER_UNAVAILABLE']);

    const store = createSqliteEventStore({ file: join(goliath.dataDir, 'goliath.db') });
    try {
      const events = [];
      for await (const event of store.readAll()) events.push(event);
      const everything = JSON.stringify(events);
      expect(everything).toContain('bindPasswordRef');
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain('"password":"x"');
    } finally {
      await store.close();
    }
  });

  it('records nothing for a sign-in to a tenant that does not exist', async () => {
    const madeUp = 'no-such-tenant';
    expect(errorCodes(await authenticate({ authType: 'OIDC', tenantId: madeUp, idToken: await issuer.issueIdToken({ sub: 'x' }) }))).toEqual(['IDENTITY_PROVIDER_NOT_CONFIGURED']);
    const store = createSqliteEventStore({ file: join(goliath.dataDir, 'goliath.db') });
    try {
      const streams = [];
      for await (const event of store.readAll()) if (event.streamId.endsWith(madeUp)) streams.push(event.streamId);
      expect(streams).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('refuses a tenant admin configuring a provider of another tenant, and a mapping to platform-admin', async () => {
    const outsider = await goliath.token('TENANT_ADMIN', tenantB);
    const oidc = { issuer: issuer.url, clientId: 'goliath' };
    expect(errorCodes(await configure({ tenantId: tenantA, name: 'Mine now', type: 'OIDC', oidc }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await configure({ tenantId: tenantB, name: 'Escalate', type: 'OIDC', oidc, defaultRoles: ['PLATFORM_ADMIN'] }, outsider))).toEqual(['FORBIDDEN']);
  });
});

describe('brute-force protection through the gateway', () => {
  const goliath = useTestPlatform({
    env: { AUTH_SLOWDOWN_AFTER_FAILURES: '2', AUTH_LOCKOUT_AFTER_FAILURES: '4', AUTH_CLIENT_LOCKOUT_AFTER_FAILURES: '100', AUTH_LOCKOUT_SECONDS: '60' },
  });

  it('slows repeated failures of one user down and then locks them with a retry-after hint', async () => {
    const [tenantId] = await goliath.createTenants('Locked');
    const issuer = await startOidcIssuer();
    try {
      await goliath.call('mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id } }', {
        input: { tenantId, name: 'Okta', type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' }, defaultRoles: ['VIEWER'] },
      });
      const attempt = async () =>
        postGraphQL(goliath.platform.gatewayUrl, 'mutation ($input: AuthenticateInput!) { authenticate(input: $input) { accessToken } }', {
          variables: { input: { authType: 'LDAP', tenantId, username: 'mallory', password: 'guess' } },
        });
      const started = Date.now();
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 5; i++) codes.push(...errorCodes(await attempt()));
      expect(codes).toEqual(['IDENTITY_PROVIDER_NOT_CONFIGURED', 'IDENTITY_PROVIDER_NOT_CONFIGURED', 'IDENTITY_PROVIDER_NOT_CONFIGURED', 'IDENTITY_PROVIDER_NOT_CONFIGURED', 'ACCOUNT_LOCKED']);
      // the third and fourth attempts waited 250 ms and 500 ms
      expect(Date.now() - started).toBeGreaterThanOrEqual(700);
      const locked = await attempt();
      expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: expect.any(Number) });
    } finally {
      await issuer.stop();
    }
  });
});
