import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../../app/embedded';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import { ALL_PROJECTIONS } from '../../projections';
import { collect, errorCodes, postGraphQL, subscriptionClient } from '../support/gateway-client';

/** The embedded platform on free ports, driven only through the gateway. */
describe('Goliath through the gateway', () => {
  let platform: EmbeddedPlatform;
  let dataDir: string;
  let adminToken: string;
  let tenantA: string;
  let tenantB: string;
  let tenantAdminA: string;

  const createTenant = async (name: string) => {
    const result = await postGraphQL<{ createTenant: { id: string; name: string } }>(
      platform.gatewayUrl,
      'mutation ($name: String!) { createTenant(input: { name: $name }) { id name createdAt } }',
      { token: adminToken, variables: { name } },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createTenant;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'goliath-e2e-'));
    // A depth limit of 4 lets the tests reach it with the schema as it is today.
    platform = await startEmbeddedPlatform({ port: 0, dataDir, logLevel: 'silent', env: { QUERY_MAX_DEPTH: '4' } });
    adminToken = await issueDevelopmentToken({ role: 'platform-admin', keysDir: platform.keysDir });
    tenantA = (await createTenant('Acme')).id;
    tenantB = (await createTenant('Globex')).id;
    tenantAdminA = await issueDevelopmentToken({ role: 'tenant-admin', tenantId: tenantA, keysDir: platform.keysDir });
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('tenants across the four subgraphs', () => {
    it('answers a mutation with what it wrote (read-your-writes)', async () => {
      // given a tenant, when it is renamed, then the answer already shows the new name
      const result = await postGraphQL(platform.gatewayUrl, `mutation { renameTenant(id: "${tenantA}", name: "Acme Corp") { id name } }`, {
        token: adminToken,
      });
      expect(result).toEqual({ data: { renameTenant: { id: tenantA, name: 'Acme Corp' } } });
    });

    it('reads one tenant with a field from every subgraph', async () => {
      const result = await postGraphQL<{ tenant: Record<string, { tenantId: string } | string> }>(
        platform.gatewayUrl,
        `{ tenant(id: "${tenantB}") { id name createdAt
             optimizationProfile { tenantId createdAt } scalingProfile { tenantId createdAt } communityProfile { tenantId createdAt } } }`,
        { token: adminToken },
      );
      expect(result.errors).toBeUndefined();
      const tenant = result.data!.tenant;
      expect(tenant.name).toBe('Globex');
      for (const profile of ['optimizationProfile', 'scalingProfile', 'communityProfile']) {
        expect(tenant[profile]).toEqual({ tenantId: tenantB, createdAt: tenant.createdAt });
      }
    });

    it('pages through tenants with a cursor', async () => {
      const first = await postGraphQL<{ tenants: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
        platform.gatewayUrl,
        '{ tenants(first: 1) { edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }',
        { token: adminToken },
      );
      expect(first.data!.tenants.edges.map((edge) => edge.node.id)).toEqual([tenantA]);
      expect(first.data!.tenants.pageInfo).toEqual({ endCursor: first.data!.tenants.edges[0].cursor, hasNextPage: true });
      const second = await postGraphQL<{ tenants: { edges: { node: { id: string } }[] } }>(
        platform.gatewayUrl,
        `{ tenants(first: 5, after: "${first.data!.tenants.pageInfo.endCursor}") { edges { node { id } } } }`,
        { token: adminToken },
      );
      expect(second.data!.tenants.edges.map((edge) => edge.node.id)).toEqual([tenantB]);
    });

    it('refuses a malformed cursor with BAD_USER_INPUT', async () => {
      const result = await postGraphQL(platform.gatewayUrl, '{ tenants(after: "not-a-cursor") { edges { node { id } } } }', { token: adminToken });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses bad input with BAD_USER_INPUT and stores nothing', async () => {
      const result = await postGraphQL(platform.gatewayUrl, `mutation { renameTenant(id: "${tenantB}", name: "   ") { id } }`, { token: adminToken });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      const after = await postGraphQL<{ tenant: { name: string } }>(platform.gatewayUrl, `{ tenant(id: "${tenantB}") { name } }`, { token: adminToken });
      expect(after.data!.tenant.name).toBe('Globex');
    });
  });

  it('reports each projection and its lag at /health', async () => {
    const health = (await (await fetch(platform.gatewayUrl.replace(/graphql$/, 'health'))).json()) as {
      status: string;
      projections: { projection: string; state: string; lag: number }[];
    };
    expect(health.status).toBe('ok');
    expect(health.projections.map((projection) => projection.projection).sort()).toEqual(ALL_PROJECTIONS.map((projection) => projection.name).sort());
    for (const projection of health.projections) expect(projection).toMatchObject({ state: 'running', lag: 0 });
  });

  describe('authentication and tenant scope', () => {
    it('refuses a request without a token with UNAUTHENTICATED', async () => {
      const result = await postGraphQL(platform.gatewayUrl, '{ tenants { edges { node { id } } } }');
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a forged token with UNAUTHENTICATED', async () => {
      const [header, payload] = adminToken.split('.');
      const result = await postGraphQL(platform.gatewayUrl, '{ tenants { edges { node { id } } } }', { token: `${header}.${payload}.forged` });
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    });

    it("lets a tenant-admin read its own tenant but not another tenant's data", async () => {
      const own = await postGraphQL(platform.gatewayUrl, `{ tenant(id: "${tenantA}") { id optimizationProfile { tenantId } } }`, { token: tenantAdminA });
      expect(own.errors).toBeUndefined();
      const other = await postGraphQL(platform.gatewayUrl, `{ tenant(id: "${tenantB}") { id } }`, { token: tenantAdminA });
      expect(errorCodes(other)).toEqual(['FORBIDDEN']);
      const rename = await postGraphQL(platform.gatewayUrl, `mutation { renameTenant(id: "${tenantB}", name: "Mine") { id } }`, { token: tenantAdminA });
      expect(errorCodes(rename)).toEqual(['FORBIDDEN']);
    });

    it('shows a tenant-admin only its own tenant in the list and refuses it createTenant', async () => {
      const list = await postGraphQL<{ tenants: { edges: { node: { id: string } }[] } }>(platform.gatewayUrl, '{ tenants { edges { node { id } } } }', {
        token: tenantAdminA,
      });
      expect(list.data!.tenants.edges.map((edge) => edge.node.id)).toEqual([tenantA]);
      const create = await postGraphQL(platform.gatewayUrl, 'mutation { createTenant(input: { name: "Sneaky" }) { id } }', { token: tenantAdminA });
      expect(errorCodes(create)).toEqual(['FORBIDDEN']);
    });
  });

  describe('subgraphs trust no one (called directly, bypassing the gateway)', () => {
    const entities = (tenantId: string) =>
      `{ _entities(representations: [{ __typename: "Tenant", id: "${tenantId}" }]) { ... on Tenant { optimizationProfile { tenantId } } } }`;

    it('refuses a call without a token even though the gateway would never send one', async () => {
      const result = await postGraphQL(platform.subgraphUrls.enterprise, `{ tenant(id: "${tenantA}") { id } }`);
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    });

    it('resolves entity references for the caller\'s own tenant and refuses another tenant\'s', async () => {
      const own = await postGraphQL<{ _entities: unknown[] }>(platform.subgraphUrls.optimization, entities(tenantA), { token: tenantAdminA });
      expect(own.data!._entities).toEqual([{ optimizationProfile: { tenantId: tenantA } }]);
      const other = await postGraphQL(platform.subgraphUrls.optimization, entities(tenantB), { token: tenantAdminA });
      expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    });
  });

  describe('query limits', () => {
    it('refuses too many aliases', async () => {
      const aliases = Array.from({ length: 20 }, (_, index) => `a${index}: tenant(id: "${tenantA}") { id }`).join(' ');
      const result = await postGraphQL(platform.gatewayUrl, `{ ${aliases} }`, { token: adminToken });
      expect(errorCodes(result)).toEqual(['QUERY_TOO_COMPLEX']);
    });

    it('refuses a query nested too deep', async () => {
      const deep = '{ tenants { edges { node { optimizationProfile { tenantId } } } } }';
      const result = await postGraphQL(platform.gatewayUrl, deep, { token: adminToken });
      expect(errorCodes(result)).toEqual(['QUERY_TOO_COMPLEX']);
    });

    it('refuses a query with too many tokens', async () => {
      const result = await postGraphQL(platform.gatewayUrl, `{ ${'__typename '.repeat(1200)} }`, { token: adminToken });
      expect(errorCodes(result)).toEqual(['QUERY_TOO_COMPLEX']);
    });
  });

  describe('subscriptions over graphql-ws', () => {
    const subscription = (tenantId: string) => `subscription { tenantEvents(tenantId: "${tenantId}") { type streamId position actor data } }`;

    it("streams a tenant's new events to its admin", async () => {
      const client = subscriptionClient(platform.subscriptionUrl, tenantAdminA);
      try {
        const received = collect<{ tenantEvents: { type: string; streamId: string; data: { name: string } } }>(client, subscription(tenantA), 1);
        // The subscription starts at the head of the log once the server has it: keep renaming until one arrives.
        let attempt = 0;
        const renamer = setInterval(() => {
          void postGraphQL(platform.gatewayUrl, `mutation { renameTenant(id: "${tenantA}", name: "Acme ${++attempt}") { id } }`, { token: tenantAdminA });
        }, 200);
        const [first] = await received.finally(() => clearInterval(renamer));
        expect(first.errors).toBeUndefined();
        expect(first.data!.tenantEvents).toMatchObject({ type: 'TenantRenamed', streamId: `tenant-${tenantA}` });
        expect(first.data!.tenantEvents.data.name).toMatch(/^Acme \d+$/);
      } finally {
        await client.dispose();
      }
    });

    it('refuses a subscription without a token, to another tenant, or over the limits', async () => {
      const anonymous = subscriptionClient(platform.subscriptionUrl);
      const tenantAdmin = subscriptionClient(platform.subscriptionUrl, tenantAdminA);
      try {
        const [unauthenticated] = await collect(anonymous, subscription(tenantA), 1);
        expect(errorCodes(unauthenticated)).toEqual(['UNAUTHENTICATED']);
        const [forbidden] = await collect(tenantAdmin, subscription(tenantB), 1);
        expect(errorCodes(forbidden)).toEqual(['FORBIDDEN']);
        const aliases = Array.from({ length: 20 }, (_, index) => `a${index}: tenantEvents(tenantId: "${tenantA}") { type }`).join(' ');
        const [tooComplex] = await collect(tenantAdmin, `subscription { ${aliases} }`, 1);
        expect(errorCodes(tooComplex)).toContain('QUERY_TOO_COMPLEX');
      } finally {
        await anonymous.dispose();
        await tenantAdmin.dispose();
      }
    });
  });
});
