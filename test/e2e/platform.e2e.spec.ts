import { AUDIT_CHAIN_PROJECTION, READ_MODEL_NAMES } from '../../projections';
import { collect, errorCodes, postGraphQL, subscriptionClient } from '../support/gateway-client';
import { postAsGateway } from '../support/gateway-signed-request';
import { useTestPlatform } from '../support/test-platform';

/** The embedded platform on free ports, driven only through the gateway. */
describe('Goliath through the gateway', () => {
  // A depth limit of 4 lets the tests reach it with the schema as it is today.
  const goliath = useTestPlatform({ env: { QUERY_MAX_DEPTH: '4' } });
  const { call } = goliath;
  let tenantA: string;
  let tenantB: string;
  let tenantAdminA: string;

  beforeAll(async () => {
    [tenantA, tenantB] = await goliath.createTenants('Acme', 'Globex');
    tenantAdminA = await goliath.token('TENANT_ADMIN', tenantA);
  });

  describe('tenants across the four subgraphs', () => {
    it('answers a mutation with what it wrote (read-your-writes)', async () => {
      // given a tenant, when it is renamed, then the answer already shows the new name
      const result = await call(`mutation { renameTenant(id: "${tenantA}", name: "Acme Corp") { id name } }`);
      expect(result).toEqual({ data: { renameTenant: { id: tenantA, name: 'Acme Corp' } } });
    });

    it('reads one tenant with a field from every subgraph', async () => {
      const result = await call<{ tenant: Record<string, { tenantId: string } | string> }>(
        `{ tenant(id: "${tenantB}") { id name createdAt
             optimizationProfile { tenantId createdAt } scalingProfile { tenantId createdAt } communityProfile { tenantId createdAt } } }`,
      );
      expect(result.errors).toBeUndefined();
      const tenant = result.data!.tenant;
      expect(tenant.name).toBe('Globex');
      for (const profile of ['optimizationProfile', 'scalingProfile', 'communityProfile']) {
        expect(tenant[profile]).toEqual({ tenantId: tenantB, createdAt: tenant.createdAt });
      }
    });

    it('pages through tenants with a cursor', async () => {
      const first = await call<{ tenants: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
        '{ tenants(first: 1) { edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }',
      );
      expect(first.data!.tenants.edges.map((edge) => edge.node.id)).toEqual([tenantA]);
      expect(first.data!.tenants.pageInfo).toEqual({ endCursor: first.data!.tenants.edges[0].cursor, hasNextPage: true });
      const second = await call<{ tenants: { edges: { node: { id: string } }[] } }>(`{ tenants(first: 5, after: "${first.data!.tenants.pageInfo.endCursor}") { edges { node { id } } } }`);
      expect(second.data!.tenants.edges.map((edge) => edge.node.id)).toEqual([tenantB]);
    });

    it('refuses a malformed cursor with BAD_USER_INPUT', async () => {
      const result = await call('{ tenants(after: "not-a-cursor") { edges { node { id } } } }');
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses bad input with BAD_USER_INPUT and stores nothing', async () => {
      const result = await call(`mutation { renameTenant(id: "${tenantB}", name: "   ") { id } }`);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      const after = await call<{ tenant: { name: string } }>(`{ tenant(id: "${tenantB}") { name } }`);
      expect(after.data!.tenant.name).toBe('Globex');
    });
  });

  it('reports each projection and its lag at /health', async () => {
    const health = (await (await fetch(goliath.platform.gatewayUrl.replace(/graphql$/, 'health'))).json()) as {
      status: string;
      projections: { projection: string; state: string; lag: number }[];
    };
    expect(health.status).toBe('ok');
    expect(health.projections.map((projection) => projection.projection).sort()).toEqual([...READ_MODEL_NAMES, AUDIT_CHAIN_PROJECTION].sort());
    for (const projection of health.projections) expect(projection).toMatchObject({ state: 'running', lag: 0 });
  });

  describe('authentication and tenant scope', () => {
    it('refuses a request without a token with UNAUTHENTICATED', async () => {
      const result = await postGraphQL(goliath.platform.gatewayUrl, '{ tenants { edges { node { id } } } }');
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a forged token with UNAUTHENTICATED', async () => {
      const [header, payload] = goliath.admin.split('.');
      const result = await postGraphQL(goliath.platform.gatewayUrl, '{ tenants { edges { node { id } } } }', { token: `${header}.${payload}.forged` });
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    });

    it("lets a tenant-admin read its own tenant but not another tenant's data", async () => {
      const own = await call(`{ tenant(id: "${tenantA}") { id optimizationProfile { tenantId } } }`, {}, tenantAdminA);
      expect(own.errors).toBeUndefined();
      const other = await call(`{ tenant(id: "${tenantB}") { id } }`, {}, tenantAdminA);
      expect(errorCodes(other)).toEqual(['FORBIDDEN']);
      const rename = await call(`mutation { renameTenant(id: "${tenantB}", name: "Mine") { id } }`, {}, tenantAdminA);
      expect(errorCodes(rename)).toEqual(['FORBIDDEN']);
    });

    it('shows a tenant-admin only its own tenant in the list and refuses it createTenant', async () => {
      const list = await call<{ tenants: { edges: { node: { id: string } }[] } }>('{ tenants { edges { node { id } } } }', {}, tenantAdminA);
      expect(list.data!.tenants.edges.map((edge) => edge.node.id)).toEqual([tenantA]);
      const create = await call('mutation { createTenant(input: { name: "Sneaky" }) { id } }', {}, tenantAdminA);
      expect(errorCodes(create)).toEqual(['FORBIDDEN']);
    });
  });

  describe('subgraphs trust no one (called directly, bypassing the gateway)', () => {
    const entities = (tenantId: string) =>
      `{ _entities(representations: [{ __typename: "Tenant", id: "${tenantId}" }]) { ... on Tenant { optimizationProfile { tenantId } } } }`;

    it('refuses a call the gateway did not sign, even with a valid token', async () => {
      const result = await postGraphQL(goliath.platform.subgraphUrls.enterprise, `{ tenant(id: "${tenantA}") { id } }`, { token: tenantAdminA });
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
      expect(result.errors![0].extensions).toMatchObject({ reason: 'GATEWAY_SIGNATURE_MISSING' });
    });

    it('refuses a call without a token even when the gateway signed it (the gateway would never send one)', async () => {
      const result = await postAsGateway(goliath.platform.keysDir, goliath.platform.subgraphUrls.enterprise, `{ tenant(id: "${tenantA}") { id } }`);
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    });

    it('resolves entity references for the caller\'s own tenant and refuses another tenant\'s', async () => {
      const { keysDir, subgraphUrls } = goliath.platform;
      const own = await postAsGateway<{ _entities: unknown[] }>(keysDir, subgraphUrls.optimization, entities(tenantA), { token: tenantAdminA });
      expect(own.data!._entities).toEqual([{ optimizationProfile: { tenantId: tenantA } }]);
      const other = await postAsGateway(keysDir, subgraphUrls.optimization, entities(tenantB), { token: tenantAdminA });
      expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    });
  });

  describe('query limits', () => {
    it('refuses too many aliases', async () => {
      const aliases = Array.from({ length: 20 }, (_, index) => `a${index}: tenant(id: "${tenantA}") { id }`).join(' ');
      const result = await call(`{ ${aliases} }`);
      expect(errorCodes(result)).toEqual(['QUERY_TOO_COMPLEX']);
    });

    it('refuses a query nested too deep', async () => {
      const deep = '{ tenants { edges { node { optimizationProfile { tenantId } } } } }';
      const result = await call(deep);
      expect(errorCodes(result)).toEqual(['QUERY_TOO_COMPLEX']);
    });

    it('refuses a query with too many tokens', async () => {
      const result = await call(`{ ${'__typename '.repeat(1200)} }`);
      expect(errorCodes(result)).toEqual(['QUERY_TOO_COMPLEX']);
    });
  });

  describe('subscriptions over graphql-ws', () => {
    const subscription = (tenantId: string) => `subscription { tenantEvents(tenantId: "${tenantId}") { type streamId position actor data } }`;

    it("streams a tenant's new events to its admin", async () => {
      const client = subscriptionClient(goliath.platform.subscriptionUrl, tenantAdminA);
      try {
        const received = collect<{ tenantEvents: { type: string; streamId: string; data: { name: string } } }>(client, subscription(tenantA), 1);
        // The subscription starts at the head of the log once the server has it: keep renaming until one arrives.
        let attempt = 0;
        const renamer = setInterval(() => {
          void call(`mutation { renameTenant(id: "${tenantA}", name: "Acme ${++attempt}") { id } }`, {}, tenantAdminA);
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
      const anonymous = subscriptionClient(goliath.platform.subscriptionUrl);
      const tenantAdmin = subscriptionClient(goliath.platform.subscriptionUrl, tenantAdminA);
      try {
        const [unauthenticated] = await collect(anonymous, subscription(tenantA), 1);
        expect(unauthenticated.errors?.[0]).toMatchObject({ extensions: { code: 'SOCKET_CLOSED', closeCode: 4401 } });
        expect(unauthenticated.errors?.[0].message).toContain('UNAUTHENTICATED');
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
