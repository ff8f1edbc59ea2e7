import type { SubgraphName } from '../../platform/config';
import { errorCodes, postGraphQL } from '../support/gateway-client';
import { postAsGateway } from '../support/gateway-signed-request';
import { useTestPlatform } from '../support/test-platform';

/**
 * graphql-shield's known federation pitfalls (DESIGN.md §4), checked against the running
 * platform: the gateway still joins an entity across subgraphs under shield, `_entities` still
 * runs each `__resolveReference` (and so its tenant check), and `_service` answers a verified
 * caller only. Subgraphs are called here as the gateway calls them (signed), so that what each
 * checks on its own shows.
 */
describe('entity resolution under the permission shield', () => {
  const goliath = useTestPlatform();
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
    postAsGateway<{ _entities: ({ id: string } | null)[] }>(
      goliath.platform.keysDir,
      goliath.platform.subgraphUrls[subgraph],
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Tenant { ${TENANT_SELECTION[subgraph]} } } }`,
      { token, variables: { representations: [{ __typename: 'Tenant', id: tenantId }] } },
    );

  beforeAll(async () => {
    [tenantA, tenantB] = await goliath.createTenants('Joined', 'Elsewhere');
    // The least privileged role: if entity resolution works for a viewer, it works for any role.
    viewerA = await goliath.token('VIEWER', tenantA);
  });

  it('joins Tenant fields from all four subgraphs through the gateway for an allowed role', async () => {
    const response = await goliath.call<{ tenant: Record<string, unknown> }>(
      'query ($id: ID!) { tenant(id: $id) { id name optimizationProfile { tenantId problemCount } scalingProfile { tenantId } communityProfile { tenantId } } }',
      { id: tenantA },
      viewerA,
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
    const response = await goliath.call('query ($id: ID!) { tenant(id: $id) { id optimizationProfile { tenantId } } }', { id: tenantB }, viewerA);
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
    const response = await postAsGateway(goliath.platform.keysDir, goliath.platform.subgraphUrls.optimization, 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { id } } }', {
      variables: { r: [{ __typename: 'Tenant', id: tenantA }] },
    });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers _service { sdl } on every subgraph to a verified caller only (the gateway composes from the checked-in supergraph)', async () => {
    const sdl = '{ _service { sdl } }';
    const { keysDir, subgraphUrls } = goliath.platform;
    for (const subgraph of SUBGRAPH_NAMES) {
      expect(errorCodes(await postAsGateway(keysDir, subgraphUrls[subgraph], sdl))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await postGraphQL(subgraphUrls[subgraph], sdl, { token: viewerA }))).toEqual(['UNAUTHENTICATED']);
      const answer = await postAsGateway<{ _service: { sdl: string } }>(keysDir, subgraphUrls[subgraph], sdl, { token: viewerA });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!._service.sdl).toMatch(/type Tenant\s+@key\(fields: "id"\)/);
    }
  });
});
