import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_SIGNATURE_HEADER, GATEWAY_SIGNATURE_MAX_AGE_MS, openGatewayRequestKey, withGatewaySignature } from '../../platform/auth/gateway-request-signature';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';
import { SIGNED_REQUEST_HEADERS } from '../../platform/graphql/subgraph-server';
import { dataOf, errorCodes, type GraphQLResponse } from '../support/gateway-client';
import { postAsGateway } from '../support/gateway-signed-request';
import { queryMetrics } from '../support/query-metrics';
import { rawRequest, signInRouteAttacks } from '../support/sign-in-route-attacks';
import { useTestPlatform } from '../support/test-platform';


/** An operation that needs a verified caller at each subgraph (the gateway's root fields live in enterprise). */
const PROBES: Record<SubgraphName, string> = {
  enterprise: '{ tenants(first: 1) { __typename } }',
  optimization: '{ _entities(representations: [{ __typename: "Tenant", id: "probe" }]) { __typename } }',
  scaling: '{ _entities(representations: [{ __typename: "Tenant", id: "probe" }]) { __typename } }',
  community: '{ _entities(representations: [{ __typename: "Tenant", id: "probe" }]) { __typename } }',
};

/**
 * Issue 9 §3: nothing reaches a subgraph except through the gateway's checks. The gateway passes
 * on only the SAML flow's exact routes; every subgraph serves only requests a gateway of the
 * platform signed, and checks the token and the query limits again on those.
 */
describe('nothing reaches a subgraph but through the gateway', () => {
  const goliath = useTestPlatform();
  let tenantId: string;
  let adminToken: string;

  beforeAll(async () => {
    [tenantId] = await goliath.createTenants('Fenced');
    adminToken = goliath.admin;
  });


  const origin = (url: string) => new URL(url).origin;
  const tenantNames = async () => dataOf(await goliath.call<{ tenants: { edges: { node: { name: string } }[] } }>('{ tenants(first: 50) { edges { node { name } } } }')).tenants.edges.map((edge) => edge.node.name);

  describe('the SAML routes at the gateway', () => {
    it('answers 404 to everything under /auth/saml that is not exactly a route of the flow, and never the subgraph\'s /graphql or /health', async () => {
      const attacks = signInRouteAttacks(tenantId, origin(goliath.platform.subgraphUrls.enterprise));
      const answers = [];
      for (const attack of attacks) {
        const answer = await rawRequest(origin(goliath.platform.gatewayUrl), attack);
        answers.push({ name: attack.name, status: answer.status, leaked: /sdl|"data"|"errors"|subgraph|status/.test(answer.body) });
      }
      expect(answers).toEqual(attacks.map((attack) => ({ name: attack.name, status: 404, leaked: false })));
    });

    it('still passes the real routes on (the tenant has no SAML provider, which the subgraph itself says)', async () => {
      const metadata = await fetch(`${origin(goliath.platform.gatewayUrl)}/auth/saml/${tenantId}/metadata`);
      expect(metadata.status).toBe(404);
      expect(await metadata.text()).toContain(`Tenant ${tenantId} has no single SAML identity provider`);
    });
  });

  describe('each subgraph called directly', () => {
    const post = async (subgraph: SubgraphName, query: string, headers: Record<string, string> = {}, url = goliath.platform.subgraphUrls[subgraph]) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}`, ...headers }, body: JSON.stringify({ query }) });
      return { status: response.status, body: (await response.json()) as GraphQLResponse };
    };
    const refusal = (reason: string) => ({ status: 401, body: { errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason } }] } });

    it.each(SUBGRAPH_NAMES)('%s refuses an unsigned request, whatever it carries, with 401 UNAUTHENTICATED and nothing done', async (subgraph) => {
      const url = goliath.platform.subgraphUrls[subgraph];
      for (const query of [PROBES[subgraph], '{ _service { sdl } }', '{ __schema { types { name } } }', 'mutation { createTenant(input: { name: "Smuggled" }) { id } }']) {
        expect(await post(subgraph, query)).toEqual(refusal('GATEWAY_SIGNATURE_MISSING'));
      }
      const get = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { authorization: `Bearer ${adminToken}`, 'apollo-require-preflight': 'true' } });
      expect({ status: get.status, body: await get.json() }).toEqual(refusal('GATEWAY_SIGNATURE_MISSING'));
      for (const path of ['/', '/anything', `/auth/saml/${tenantId}/metadata`, `/auth/saml/${tenantId}/login`]) {
        const other = await fetch(`${origin(url)}${path}`);
        expect({ path, status: other.status }).toEqual({ path, status: 401 });
      }
      expect(await tenantNames()).not.toContain('Smuggled');
    });

    it.each(SUBGRAPH_NAMES)('%s refuses a signature that is not a gateway\'s for this very request', async (subgraph) => {
      const url = goliath.platform.subgraphUrls[subgraph];
      const query = PROBES[subgraph];
      const body = JSON.stringify({ query });
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` };
      const sign = (key = openGatewayRequestKey(goliath.platform.keysDir), request = { body, headers }, now = Date.now()) =>
        withGatewaySignature(key, { method: 'POST', url, ...request }, SIGNED_REQUEST_HEADERS, now)[GATEWAY_SIGNATURE_HEADER];
      const otherKeys = mkdtempSync(join(tmpdir(), 'goliath-other-keys-'));
      try {
        const genuine = sign();
        // the baseline: the genuine signature is accepted
        expect(await post(subgraph, query, { [GATEWAY_SIGNATURE_HEADER]: genuine })).toMatchObject({ status: 200 });
        expect(await post(subgraph, query, { [GATEWAY_SIGNATURE_HEADER]: sign(openGatewayRequestKey(otherKeys)) })).toEqual(refusal('GATEWAY_SIGNATURE_INVALID'));
        expect(await post(subgraph, query, { [GATEWAY_SIGNATURE_HEADER]: sign(undefined, undefined, Date.now() - GATEWAY_SIGNATURE_MAX_AGE_MS - 1000) })).toEqual(refusal('GATEWAY_SIGNATURE_EXPIRED'));
        expect(await post(subgraph, query, { [GATEWAY_SIGNATURE_HEADER]: 'made-up' })).toEqual(refusal('GATEWAY_SIGNATURE_MALFORMED'));
        // a captured signature, replayed with another operation, another token or on another path
        expect(await post(subgraph, '{ _service { sdl } }', { [GATEWAY_SIGNATURE_HEADER]: genuine })).toEqual(refusal('GATEWAY_SIGNATURE_INVALID'));
        expect(await post(subgraph, query, { [GATEWAY_SIGNATURE_HEADER]: genuine, authorization: `Bearer ${await goliath.token('VIEWER', tenantId)}` })).toEqual(refusal('GATEWAY_SIGNATURE_INVALID'));
        expect(await post(subgraph, query, { [GATEWAY_SIGNATURE_HEADER]: genuine }, `${url}?x=1`)).toEqual(refusal('GATEWAY_SIGNATURE_INVALID'));
        // the client's address is signed too: no one else can pose as another client to the sign-in throttling
        expect(await post(subgraph, query, { [GATEWAY_SIGNATURE_HEADER]: genuine, 'x-goliath-client-address': '203.0.113.7' })).toEqual(refusal('GATEWAY_SIGNATURE_INVALID'));
      } finally {
        rmSync(otherKeys, { recursive: true, force: true });
      }
    });

    it.each(SUBGRAPH_NAMES)('%s still checks the token of a request the gateway signed', async (subgraph) => {
      const { keysDir, subgraphUrls } = goliath.platform;
      expect(errorCodes(await postAsGateway(keysDir, subgraphUrls[subgraph], PROBES[subgraph]))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await postAsGateway(keysDir, subgraphUrls[subgraph], PROBES[subgraph], { token: `${adminToken.slice(0, -4)}AAAA` }))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await postAsGateway(keysDir, subgraphUrls[subgraph], '{ _service { sdl } }'))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await postAsGateway(keysDir, subgraphUrls[subgraph], PROBES[subgraph], { token: adminToken }))).toEqual([]);
    });
  });
});

/** The gateway's limits, applied again by every subgraph to what the gateway sends it. */
describe('query limits at every subgraph', () => {
  const goliath = useTestPlatform({ env: { QUERY_MAX_DEPTH: '2', QUERY_MAX_ALIASES: '2', QUERY_MAX_TOKENS: '200', QUERY_MAX_COST: '100' } });
  const limitsOf = (response: GraphQLResponse) => (response.errors ?? []).map((error) => `${error.extensions?.code}:${error.extensions?.queryLimit}`);
  /** A root field each subgraph serves (the gateway's are enterprise's). */
  const rootField = (subgraph: SubgraphName | 'gateway') => (subgraph === 'gateway' || subgraph === 'enterprise' ? 'tenants(first: 1)' : '_entities(representations: [])');
  /** Over one limit each (depth 2, aliases 2, tokens 200, cost 100), and valid on every subgraph and at the gateway. */
  const OVER: Record<string, (subgraph: SubgraphName | 'gateway') => string> = {
    aliases: (subgraph) => `{ a: ${rootField(subgraph)} { __typename } b: ${rootField(subgraph)} { __typename } c: ${rootField(subgraph)} { __typename } }`,
    tokens: () => `{ ${'__typename '.repeat(300)}}`,
    cost: () => `{ ${'__typename '.repeat(150)}}`,
  };
  const DEEPER: Record<SubgraphName, string> = {
    enterprise: '{ tenants { edges { cursor } } }',
    optimization: '{ _entities(representations: []) { ... on Tenant { optimizationProfile { tenantId } } } }',
    scaling: '{ _entities(representations: []) { ... on Tenant { scalingProfile { tenantId } } } }',
    community: '{ _entities(representations: []) { ... on Tenant { communityProfile { tenantId } } } }',
  };

  it.each(Object.entries(OVER))('refuses an operation over the %s limit at the gateway and at every subgraph alike', async (limit, query) => {
    const { keysDir, subgraphUrls } = goliath.platform;
    expect(limitsOf(await goliath.call(query('gateway')))).toEqual([`QUERY_TOO_COMPLEX:${limit}`]);
    for (const subgraph of SUBGRAPH_NAMES) {
      expect({ subgraph, limits: limitsOf(await postAsGateway(keysDir, subgraphUrls[subgraph], query(subgraph), { token: goliath.admin })) }).toEqual({ subgraph, limits: [`QUERY_TOO_COMPLEX:${limit}`] });
    }
  });

  it.each(SUBGRAPH_NAMES)('%s refuses an operation deeper than the depth limit', async (subgraph) => {
    const response = await postAsGateway(goliath.platform.keysDir, goliath.platform.subgraphUrls[subgraph], DEEPER[subgraph], { token: goliath.admin });
    expect(limitsOf(response)).toEqual(['QUERY_TOO_COMPLEX:depth']);
  });
});

/** An operation across the four subgraphs, with entity fetches at its deepest and widest points. */
const acrossSubgraphs = (tenantId: string, extra = '') =>
  `{ a: tenant(id: "${tenantId}") { id name optimizationProfile { tenantId problemCount jobCounts { COMPLETED } } scalingProfile { tenantId } communityProfile { tenantId } } b: tenant(id: "${tenantId}") { communityProfile { tenantId createdAt } } ${extra}}`;
const AT_LIMIT = queryMetrics(acrossSubgraphs('any-id'));

/**
 * The subgraphs apply the same limits to the requests the gateway's query planner makes, which
 * wrap each entity fetch in `_entities` and a fragment: an operation exactly at every limit the
 * gateway accepts must be answered in full, not refused by a subgraph.
 */
describe('an operation exactly at the limits', () => {
  const goliath = useTestPlatform({
    env: { QUERY_MAX_DEPTH: String(AT_LIMIT.depth), QUERY_MAX_ALIASES: String(AT_LIMIT.aliases), QUERY_MAX_COST: String(Math.ceil(AT_LIMIT.cost)), QUERY_MAX_TOKENS: String(AT_LIMIT.tokens) },
  });

  it('is answered in full through the gateway, by every subgraph it reaches', async () => {
    const [tenantId] = await goliath.createTenants('At the limit');
    const profile = { tenantId };
    expect(await goliath.call(acrossSubgraphs(tenantId))).toEqual({
      data: {
        a: { id: tenantId, name: 'At the limit', optimizationProfile: { ...profile, problemCount: 0, jobCounts: { COMPLETED: 0 } }, scalingProfile: profile, communityProfile: profile },
        b: { communityProfile: { ...profile, createdAt: expect.any(String) } },
      },
    });
  });

  it('is refused by the gateway one step over', async () => {
    expect(errorCodes(await goliath.call(acrossSubgraphs('any-id', 'c: __typename')))).toEqual(['QUERY_TOO_COMPLEX']);
  });
});
