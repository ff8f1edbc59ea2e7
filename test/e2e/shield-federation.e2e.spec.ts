import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../../app/embedded';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import type { SubgraphName } from '../../platform/config';
import { errorCodes, postGraphQL } from '../support/gateway-client';

/**
 * graphql-shield's known federation pitfalls (DESIGN.md §4), checked against the running
 * platform: the gateway still joins an entity across subgraphs under shield, `_entities` still
 * runs each `__resolveReference` (and so its tenant check), and `_service` still answers.
 */
describe('entity resolution under the permission shield', () => {
  let platform: EmbeddedPlatform;
  let dataDir: string;
  let tenantA: string;
  let tenantB: string;
  let viewerA: string;

  /** The field each subgraph contributes to Tenant, as asked of that subgraph alone. */
  const TENANT_SELECTION: Record<SubgraphName, string> = {
    enterprise: 'id name',
    optimization: 'id optimizationProfile { tenantId problemCount }',
    scaling: 'id scalingProfile { tenantId }',
    community: 'id communityProfile { tenantId }',
  };
  const SUBGRAPH_NAMES = Object.keys(TENANT_SELECTION) as SubgraphName[];

  const entities = (subgraph: SubgraphName, tenantId: string, token = viewerA) =>
    postGraphQL<{ _entities: ({ id: string } | null)[] }>(
      platform.subgraphUrls[subgraph],
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Tenant { ${TENANT_SELECTION[subgraph]} } } }`,
      { token, variables: { representations: [{ __typename: 'Tenant', id: tenantId }] } },
    );

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'goliath-shield-federation-e2e-'));
    platform = await startEmbeddedPlatform({ port: 0, dataDir, logLevel: 'silent' });
    const admin = await issueDevelopmentToken({ role: 'platform-admin', keysDir: platform.keysDir });
    const create = async (name: string) => {
      const response = await postGraphQL<{ createTenant: { id: string } }>(platform.gatewayUrl, 'mutation ($name: String!) { createTenant(input: { name: $name }) { id } }', {
        token: admin,
        variables: { name },
      });
      expect(response.errors).toBeUndefined();
      return response.data!.createTenant.id;
    };
    [tenantA, tenantB] = await Promise.all([create('Joined'), create('Elsewhere')]);
    // The least privileged role: if entity resolution works for a viewer, it works for any role.
    viewerA = await issueDevelopmentToken({ role: 'viewer', tenantId: tenantA, keysDir: platform.keysDir });
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('joins Tenant fields from all four subgraphs through the gateway for an allowed role', async () => {
    const response = await postGraphQL<{ tenant: Record<string, unknown> }>(
      platform.gatewayUrl,
      'query ($id: ID!) { tenant(id: $id) { id name optimizationProfile { tenantId problemCount } scalingProfile { tenantId } communityProfile { tenantId } } }',
      { token: viewerA, variables: { id: tenantA } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.tenant).toEqual({
      id: tenantA,
      name: 'Joined',
      optimizationProfile: { tenantId: tenantA, problemCount: 0 },
      scalingProfile: { tenantId: tenantA },
      communityProfile: { tenantId: tenantA },
    });
  });

  it('refuses the joined query for another tenant', async () => {
    const response = await postGraphQL(platform.gatewayUrl, 'query ($id: ID!) { tenant(id: $id) { id optimizationProfile { tenantId } } }', { token: viewerA, variables: { id: tenantB } });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it.each(['enterprise', 'optimization', 'scaling', 'community'] as const)('resolves _entities on the %s subgraph for the caller\'s own tenant', async (subgraph) => {
    const response = await entities(subgraph, tenantA);
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([expect.objectContaining({ id: tenantA })]);
    expect(Object.values(response.data!._entities[0]!).every((value) => value !== null)).toBe(true);
  });

  it.each(['enterprise', 'optimization', 'scaling', 'community'] as const)("refuses _entities on the %s subgraph for another tenant (its __resolveReference still checks)", async (subgraph) => {
    const response = await entities(subgraph, tenantB);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.data?._entities ?? [null]).toEqual([null]);
  });

  it('refuses _entities without a token', async () => {
    const response = await postGraphQL(platform.subgraphUrls.optimization, 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { id } } }', {
      variables: { r: [{ __typename: 'Tenant', id: tenantA }] },
    });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers _service { sdl } on every subgraph, with no token, as the gateway and composition need', async () => {
    const answers = await Promise.all(SUBGRAPH_NAMES.map((subgraph) => postGraphQL<{ _service: { sdl: string } }>(platform.subgraphUrls[subgraph], '{ _service { sdl } }')));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data!._service.sdl).toMatch(/type Tenant\s+@key\(fields: "id"\)/);
    }
  });
});
