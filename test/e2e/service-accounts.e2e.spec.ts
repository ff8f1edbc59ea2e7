import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataOf, errorCodes } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenUrl: string;
  readonly serviceAccount: { readonly id: string; readonly name: string; readonly roles: string[]; readonly status: string };
}

const CREATE = `mutation ($tenantId: ID!, $name: String!, $roles: [Role!]!) {
  createServiceAccount(tenantId: $tenantId, name: $name, roles: $roles) { clientId clientSecret tokenUrl serviceAccount { id name roles status } }
}`;
const ROTATE = 'mutation ($id: ID!) { rotateServiceAccountSecret(serviceAccountId: $id) { clientId clientSecret tokenUrl serviceAccount { id name roles status } } }';
const REVOKE = 'mutation ($id: ID!) { revokeServiceAccount(serviceAccountId: $id) { id status revokedAt revokedBy } }';
const LIST = 'query ($tenantId: ID!) { serviceAccounts(tenantId: $tenantId) { nodes { id name roles status createdBy secretIssuedAt lastUsedAt revokedAt } } }';
const qubo = { variables: ['a', 'b'], linear: [{ variable: 'a', coefficient: -1 }], quadratic: [{ u: 'a', v: 'b', coefficient: 2 }] };
const CREATE_PROBLEM = 'mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }';

/** Every file under a folder, as bytes: where a leaked secret would be found. */
function everyFile(dir: string): Buffer[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? everyFile(join(dir, entry.name)) : [readFileSync(join(dir, entry.name))]));
}

/** Service accounts: OAuth 2.0 client credentials for automation, through the gateway. */
describe('service accounts through the gateway', () => {
  const goliath = useTestPlatform();
  let acme: string;
  let globex: string;
  let acmeAdmin: string;
  const tokenUrl = () => goliath.platform.gatewayUrl.replace('/graphql', '/oauth/token');
  const create = (name: string, roles: string[], token = acmeAdmin, tenantId = acme) => goliath.call<{ createServiceAccount: Credentials }>(CREATE, { tenantId, name, roles }, token);
  const oauth = async (form: Record<string, string>, basic?: { id: string; secret: string }) => {
    const response = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(basic && { authorization: `Basic ${Buffer.from(`${basic.id}:${basic.secret}`).toString('base64')}` }) },
      body: new URLSearchParams(form).toString(),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  };
  const exchange = async (credentials: { clientId: string; clientSecret: string }) => {
    const answer = await oauth({ grant_type: 'client_credentials' }, { id: credentials.clientId, secret: credentials.clientSecret });
    expect(answer.status).toBe(200);
    return answer.body.access_token as string;
  };
  const trail = async (action?: string) =>
    dataOf(
      await goliath.call<{ auditTrail: { edges: { node: { actor: string; action: string; outcome: string; target: string; details: Record<string, unknown> } }[] } }>(
        'query ($tenantId: ID!, $filter: AuditTrailFilter) { auditTrail(tenantId: $tenantId, filter: $filter, first: 100) { edges { node { actor action outcome target details } } } }',
        { tenantId: acme, filter: action ? { action } : null },
      ),
    ).auditTrail.edges.map((edge) => edge.node);
  /** Error codes of one probe with the token, polled until they change or a second passes; answers the codes and how long it took. */
  const refusedWithin = async (token: string, ms = 1000) => {
    const started = Date.now();
    for (;;) {
      const codes = errorCodes(await goliath.call('{ tenants(first: 1) { edges { node { id } } } }', {}, token));
      if (codes.length > 0 || Date.now() - started > ms) return { codes, afterMs: Date.now() - started };
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  beforeAll(async () => {
    [acme, globex] = await goliath.createTenants('Acme', 'Globex');
    acmeAdmin = await goliath.token('TENANT_ADMIN', acme, 'ada');
  });

  it('creates an account whose secret is shown once and stored nowhere, and lists it without one', async () => {
    // when a tenant admin creates a service account
    const credentials = dataOf(await create('nightly-import', ['ANALYST', 'VIEWER'])).createServiceAccount;
    // then the answer carries the client id, the secret and where to exchange them
    expect(credentials).toMatchObject({ clientId: credentials.serviceAccount.id, tokenUrl: expect.stringMatching(/\/oauth\/token$/), serviceAccount: { name: 'nightly-import', roles: ['ANALYST', 'VIEWER'], status: 'ACTIVE' } });
    expect(credentials.clientSecret).toMatch(/^goliath_sa_[A-Za-z0-9_-]{43}$/);
    // and the list shows the account and never a secret
    const listed = await goliath.call(LIST, { tenantId: acme }, acmeAdmin);
    expect(dataOf(listed)).toEqual({ serviceAccounts: { nodes: [expect.objectContaining({ id: credentials.clientId, name: 'nightly-import', createdBy: 'ada', status: 'ACTIVE', lastUsedAt: null })] } });
    expect(JSON.stringify(listed)).not.toContain(credentials.clientSecret);
    // and no file of the platform holds the secret
    await exchange(credentials);
    expect(everyFile(goliath.dataDir).some((bytes) => bytes.includes(credentials.clientSecret))).toBe(false);
  });

  it('exchanges client credentials at /oauth/token (Basic or form) and over GraphQL for a short-lived token that acts, audited, as the account', async () => {
    const credentials = dataOf(await create('scheduler', ['ANALYST'])).createServiceAccount;
    // when the pipeline exchanges its credentials with HTTP Basic, and with the form
    const basic = await oauth({ grant_type: 'client_credentials' }, { id: credentials.clientId, secret: credentials.clientSecret });
    const form = await oauth({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret });
    const graphql = dataOf(
      await goliath.call<{ requestServiceAccountToken: { accessToken: string; tokenType: string; expiresIn: number; roles: string[]; tenantId: string } }>(
        'mutation ($id: ID!, $secret: String!) { requestServiceAccountToken(clientId: $id, clientSecret: $secret) { accessToken tokenType expiresIn roles tenantId } }',
        { id: credentials.clientId, secret: credentials.clientSecret },
        null,
      ),
    ).requestServiceAccountToken;
    // then each answers a Bearer token for a few minutes, not to be cached
    for (const answer of [basic, form]) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: expect.any(Number), scope: 'ANALYST' });
      expect(answer.body.expires_in).toBeGreaterThan(60);
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
    expect(graphql).toMatchObject({ tokenType: 'Bearer', roles: ['ANALYST'], tenantId: acme });
    // and the token works in its tenant, as the account, and nowhere else
    const token = basic.body.access_token as string;
    const created = dataOf(await goliath.call<{ createProblem: { id: string } }>(CREATE_PROBLEM, { input: { tenantId: acme, name: 'From the pipeline', qubo } }, token)).createProblem;
    expect(errorCodes(await goliath.call(CREATE_PROBLEM, { input: { tenantId: globex, name: 'Elsewhere', qubo } }, token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call(CREATE, { tenantId: acme, name: 'escalate', roles: ['TENANT_ADMIN'] }, token))).toEqual(['FORBIDDEN']);
    // and the trail names the account for the exchange and for what it did
    const entries = await trail();
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'service-account:scheduler', action: 'optimization.createProblem', target: created.id, outcome: 'success' }));
    expect(entries.filter((entry) => entry.action === 'enterprise.serviceAccountToken' && entry.actor === 'service-account:scheduler' && entry.outcome === 'success')).toHaveLength(3);
    expect(JSON.stringify(entries)).not.toContain(credentials.clientSecret);
  });

  it('asks for fewer roles with scope, never more', async () => {
    const credentials = dataOf(await create('reporter', ['ANALYST', 'VIEWER'])).createServiceAccount;
    const basic = { id: credentials.clientId, secret: credentials.clientSecret };
    expect((await oauth({ grant_type: 'client_credentials', scope: 'VIEWER' }, basic)).body).toMatchObject({ scope: 'VIEWER' });
    expect(await oauth({ grant_type: 'client_credentials', scope: 'TENANT_ADMIN' }, basic)).toMatchObject({ status: 400, body: { error: 'invalid_scope', code: 'BAD_USER_INPUT' } });
  });

  it('answers OAuth errors for a wrong secret, an unknown client and a bad request, auditing the failure under the account', async () => {
    const credentials = dataOf(await create('probe-target', ['VIEWER'])).createServiceAccount;
    const wrong = await oauth({ grant_type: 'client_credentials' }, { id: credentials.clientId, secret: 'goliath_sa_wrong' });
    const unknown = await oauth({ grant_type: 'client_credentials' }, { id: '00000000-0000-0000-0000-000000000000', secret: credentials.clientSecret });
    // an unknown client and a wrong secret answer alike, so client ids cannot be probed
    for (const answer of [wrong, unknown]) {
      expect(answer).toMatchObject({ status: 401, body: { error: 'invalid_client', code: 'INVALID_CLIENT' } });
      expect(answer.headers.get('www-authenticate')).toBe('Basic realm="goliath", charset="UTF-8"');
    }
    expect(wrong.body.error_description).toBe(unknown.body.error_description);
    expect(await oauth({ grant_type: 'password' }, { id: credentials.clientId, secret: credentials.clientSecret })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    expect(await oauth({ grant_type: 'client_credentials', client_id: credentials.clientId }, { id: credentials.clientId, secret: credentials.clientSecret })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
    expect(await oauth({ grant_type: 'client_credentials' })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const failures = (await trail('enterprise.serviceAccountToken')).filter((entry) => entry.outcome === 'failure');
    expect(failures).toEqual([expect.objectContaining({ actor: 'service-account:probe-target', target: credentials.clientId, details: expect.objectContaining({ code: 'INVALID_CLIENT' }) })]);
  });

  it('rotation ends the old secret and its tokens within a second; the new secret works', async () => {
    const first = dataOf(await create('rotating', ['VIEWER'])).createServiceAccount;
    const oldToken = await exchange(first);
    expect(await refusedWithin(oldToken, 0)).toMatchObject({ codes: [] });
    // when an admin rotates the secret
    const second = dataOf(await goliath.call<{ rotateServiceAccountSecret: Credentials }>(ROTATE, { id: first.clientId }, acmeAdmin)).rotateServiceAccountSecret;
    // then the old token is refused everywhere within a second, and the old secret buys nothing
    const refusal = await refusedWithin(oldToken);
    expect(refusal.codes).toEqual(['SESSION_REVOKED']);
    expect(refusal.afterMs).toBeLessThan(1000);
    expect(await oauth({ grant_type: 'client_credentials' }, { id: first.clientId, secret: first.clientSecret })).toMatchObject({ status: 401, body: { code: 'INVALID_CLIENT' } });
    // and the new secret gives a working token
    expect(second.clientId).toBe(first.clientId);
    expect(second.clientSecret).not.toBe(first.clientSecret);
    expect(await refusedWithin(await exchange(second), 0)).toMatchObject({ codes: [] });
  });

  it('revocation ends the account and its tokens within a second; the name stays taken', async () => {
    const credentials = dataOf(await create('retired', ['VIEWER'])).createServiceAccount;
    const token = await exchange(credentials);
    const revoked = dataOf(await goliath.call<{ revokeServiceAccount: { status: string; revokedBy: string } }>(REVOKE, { id: credentials.clientId }, acmeAdmin)).revokeServiceAccount;
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedBy: 'ada' });
    const refusal = await refusedWithin(token);
    expect(refusal.codes).toEqual(['SESSION_REVOKED']);
    expect(refusal.afterMs).toBeLessThan(1000);
    // only the holder of the secret learns that the account was revoked
    expect(await oauth({ grant_type: 'client_credentials' }, { id: credentials.clientId, secret: credentials.clientSecret })).toMatchObject({ status: 401, body: { code: 'SERVICE_ACCOUNT_REVOKED' } });
    expect(errorCodes(await create('retired', ['VIEWER']))).toEqual(['CONFLICT']);
    expect(errorCodes(await goliath.call(ROTATE, { id: credentials.clientId }, acmeAdmin))).toEqual(['SERVICE_ACCOUNT_REVOKED']);
  });

  it('is run by tenant admins only, in their own tenant, and platform-admin only in the operators\u2019 tenant', async () => {
    const analyst = await goliath.token('ANALYST', acme);
    const globexAdmin = await goliath.token('TENANT_ADMIN', globex);
    const acmeAccount = dataOf(await create('acme-only', ['VIEWER'])).createServiceAccount;
    expect(errorCodes(await create('by-analyst', ['VIEWER'], analyst))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await create('cross-tenant', ['VIEWER'], globexAdmin, acme))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await create('root', ['PLATFORM_ADMIN']))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await create('root', ['PLATFORM_ADMIN'], goliath.admin))).toEqual(['FORBIDDEN']);
    // another tenant's account answers as a missing one does
    expect(errorCodes(await goliath.call(ROTATE, { id: acmeAccount.clientId }, globexAdmin))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call(REVOKE, { id: acmeAccount.clientId }, globexAdmin))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call(LIST, { tenantId: acme }, globexAdmin))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await create('Not A Name', ['VIEWER']))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await create('no-roles', []))).toEqual(['BAD_USER_INPUT']);
    // and none of the refusals created anything
    const names = dataOf(await goliath.call<{ serviceAccounts: { nodes: { name: string }[] } }>(LIST, { tenantId: acme }, acmeAdmin)).serviceAccounts.nodes.map((node) => node.name);
    expect(names.filter((name) => ['by-analyst', 'cross-tenant', 'root', 'no-roles'].includes(name))).toEqual([]);
  });
});

describe('failed client credentials exchanges through the gateway', () => {
  const goliath = useTestPlatform({ env: { AUTH_SLOWDOWN_AFTER_FAILURES: '10', AUTH_LOCKOUT_AFTER_FAILURES: '3', AUTH_LOCKOUT_SECONDS: '60' } });

  it('lock the account out after repeated wrong secrets with 429 and Retry-After, as failed sign-ins do', async () => {
    const [tenant] = await goliath.createTenants('Acme');
    const admin = await goliath.token('TENANT_ADMIN', tenant);
    const credentials = dataOf(await goliath.call<{ createServiceAccount: Credentials }>(CREATE, { tenantId: tenant, name: 'guessed', roles: ['VIEWER'] }, admin)).createServiceAccount;
    const post = (secret: string) =>
      fetch(goliath.platform.gatewayUrl.replace('/graphql', '/oauth/token'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: secret }).toString(),
      });
    for (let attempt = 0; attempt < 3; attempt++) expect((await post('goliath_sa_guess')).status).toBe(401);
    // then even the right secret waits out the lock
    const locked = await post(credentials.clientSecret);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ error: 'temporarily_unavailable', code: 'ACCOUNT_LOCKED' });
  });
});
