import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite/sqlite-event-store';
import { errorCodes, type GraphQLResponse } from '../support/gateway-client';
import { SERVICE_PASSWORD, startSlapd, TEST_USERS, userDn, type TestSlapd } from '../support/slapd';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

const AUTHENTICATE = 'mutation ($input: AuthenticateInput!) { authenticate(input: $input) { isAuthenticated userId sessionId roles accessToken } }';
const password = (uid: string) => TEST_USERS.find((user) => user.uid === uid)!.password;

/**
 * LDAP sign-in end to end: a client calls `authenticate` at the gateway, the enterprise subgraph
 * binds to a real OpenLDAP slapd (test/support/slapd.ts) with the service account whose password
 * sits in the secret store, and the platform token it answers opens what the mapped role allows.
 * Small AUTH_* limits make the lockout reachable in a few attempts; the client-address limit is
 * high so the refusals of the other tests do not lock the whole suite out.
 */
describe('LDAP sign-in through the gateway against slapd', () => {
  const goliath = useTestPlatform({
    env: { AUTH_SLOWDOWN_AFTER_FAILURES: '2', AUTH_LOCKOUT_AFTER_FAILURES: '4', AUTH_CLIENT_LOCKOUT_AFTER_FAILURES: '1000', AUTH_LOCKOUT_SECONDS: '60' },
  });
  let directory: TestSlapd;
  let tenantId: string;
  let otherTenantId: string;

  /** As no one unless a token is given: signing in needs none. */
  const call = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token: string | null = null) => goliath.call<T>(query, variables, token);
  const signIn = (username: string, secret: string) =>
    call<{ authenticate: { isAuthenticated: boolean; userId: string; roles: string[]; accessToken: string } }>(AUTHENTICATE, {
      input: { authType: 'LDAP', tenantId, username, password: secret },
    });
  const refusal = async (username: string, secret: string) => {
    const response: GraphQLResponse<unknown> = await signIn(username, secret);
    expect(response.data ?? null).toBeNull();
    return { code: errorCodes(response)[0], message: response.errors?.[0]?.message };
  };

  beforeAll(async () => {
    directory = await startSlapd();
    [tenantId, otherTenantId] = await goliath.createTenants('Directory', 'Elsewhere');
    const { url, bindDn, searchBase, searchFilter, groupSearchBase } = directory.settings();
    const configured = await call(
      'mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id ldap { bindPasswordSet } } }',
      {
        input: {
          tenantId,
          name: 'Corporate directory',
          type: 'LDAP',
          ldap: { url, bindDn, bindPassword: SERVICE_PASSWORD, searchBase, searchFilter, groupSearchBase, startTls: false },
          roleMappings: [{ group: 'analysts', role: 'ANALYST' }],
        },
      },
      goliath.admin,
    );
    expect(configured.errors).toBeUndefined();
    expect(configured.data).toMatchObject({ configureIdentityProvider: { ldap: { bindPasswordSet: true } } });
  });

  afterAll(async () => {
    await directory?.stop();
  });

  it('signs alice in with her directory password and maps her group to ANALYST; the token opens her tenant only', async () => {
    const response = await signIn('alice', password('alice'));

    expect(response.errors).toBeUndefined();
    const result = response.data!.authenticate;
    expect(result).toMatchObject({ isAuthenticated: true, roles: ['ANALYST'] });

    const problems = `query ($t: ID!) { problems(tenantId: $t) { edges { node { id } } } }`;
    const own = await call(problems, { t: tenantId }, result.accessToken);
    expect(own.errors).toBeUndefined();
    expect(own.data).toEqual({ problems: { edges: [] } });
    expect(errorCodes(await call(problems, { t: otherTenantId }, result.accessToken))).toEqual(['FORBIDDEN']);
  });

  it('refuses a wrong password and an unknown user with the same code and the same message', async () => {
    const wrongPassword = await refusal('alice', 'not-her-password');
    const unknownUser = await refusal('mallory', password('alice'));

    expect(wrongPassword.code).toBe('INVALID_CREDENTIALS');
    expect(unknownUser).toEqual(wrongPassword);
    // A success clears alice's failure count, so this test leaves no trace on the lockout test.
    expect((await signIn('alice', password('alice'))).errors).toBeUndefined();
  });

  it.each([['*'], ['alice)(uid=*'], ['*)(uid=admin'], ['a*']])('refuses the injection username %j as invalid credentials', async (username) => {
    for (const secret of [password('alice'), password('admin')]) {
      expect(await refusal(username, secret)).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
  });

  it('locks a user after repeated wrong passwords, then refuses even the right one with ACCOUNT_LOCKED', async () => {
    const codes: (string | undefined)[] = [];
    for (let attempt = 0; attempt < 5; attempt++) codes.push((await refusal('bob', `guess-${attempt}`)).code);

    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);
    const locked = await signIn('bob', password('bob'));
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: expect.any(Number) });
    // The lock is bob's alone: alice still signs in from the same address.
    expect((await signIn('alice', password('alice'))).errors).toBeUndefined();
  });

  it('keeps the bind password and the user passwords out of the event log', async () => {
    // The raw bytes of the SQLite file and its write-ahead log: whatever a backup would hold.
    const databaseFile = join(goliath.dataDir, 'goliath.db');
    const raw = [databaseFile, `${databaseFile}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');
    expect(raw).toContain('bindPasswordRef');

    const store = createSqliteEventStore({ file: databaseFile });
    let events: string;
    try {
      const all = [];
      for await (const event of store.readAll()) all.push(event);
      events = JSON.stringify(all);
    } finally {
      await store.close();
    }
    // The log does hold the sign-ins (so the search below looks in the right place) ...
    expect(events).toContain('bindPasswordRef');
    expect(events).toContain(userDn('alice'));
    expect(events).toContain('AuthenticationFailed');
    // ... and none of the secrets.
    for (const secret of [SERVICE_PASSWORD, password('alice'), password('bob'), 'not-her-password', 'guess-0']) {
      expect(events).not.toContain(secret);
      expect(raw).not.toContain(secret);
    }
  });
});
