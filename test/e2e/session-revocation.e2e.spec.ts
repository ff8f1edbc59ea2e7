import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';
import { issuePlatformToken, type TokenClaims } from '../../platform/auth/platform-token';
import { SigningKeyRing } from '../../platform/auth/signing-key-ring';
import { rotateSigningKey } from '../../platform/auth/signing-keys';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';
import { errorCodes, postGraphQL } from '../support/gateway-client';
import { postAsGateway } from '../support/gateway-signed-request';
import { useTestPlatform } from '../support/test-platform';

const GRACE_SECONDS = 3;
const settings = { issuer: 'goliath', audience: 'goliath-api', ttlSeconds: 600 };
const admin: TokenClaims = { subject: 'ada', roles: ['PLATFORM_ADMIN'], authMethod: 'oidc' };
const GATEWAY_PROBE = '{ tenants(first: 1) { edges { node { id } } } }';
/** One operation per subgraph that needs a verified caller, sent to the subgraph directly. */
const SUBGRAPH_PROBES: Record<SubgraphName, string> = {
  enterprise: GATEWAY_PROBE,
  optimization: '{ _entities(representations: [{ __typename: "Tenant", id: "probe" }]) { ... on Tenant { optimizationProfile { tenantId } } } }',
  scaling: '{ _entities(representations: [{ __typename: "Tenant", id: "probe" }]) { ... on Tenant { scalingProfile { tenantId } } } }',
  community: '{ _entities(representations: [{ __typename: "Tenant", id: "probe" }]) { ... on Tenant { communityProfile { tenantId } } } }',
};

/** Sessions end everywhere within a second; signing keys rotate while requests run. */
describe('session revocation and key rotation', () => {
  const goliath = useTestPlatform({ env: { SIGNING_KEY_GRACE_SECONDS: String(GRACE_SECONDS) } });
  /** Signs as the enterprise subgraph would: a ring of its own over the shared KEYS_DIR. */
  let signer: SigningKeyRing;

  beforeAll(async () => {
    signer = await SigningKeyRing.open(goliath.platform.keysDir, { graceSeconds: GRACE_SECONDS });
  });

  /** The gateway, and each subgraph as the gateway calls it (signed), so that each process's own check shows. */
  const targets = () => [
    { name: 'gateway', url: goliath.platform.gatewayUrl, query: GATEWAY_PROBE, post: postGraphQL },
    ...SUBGRAPH_NAMES.map((name) => ({ name, url: goliath.platform.subgraphUrls[name], query: SUBGRAPH_PROBES[name], post: asGateway })),
  ];
  const asGateway: typeof postGraphQL = (url, query, options) => postAsGateway(goliath.platform.keysDir, url, query, options);
  /** Error codes each target answers the token with; [] means accepted. */
  const answers = async (token: string) =>
    Object.fromEntries(await Promise.all(targets().map(async (target) => [target.name, errorCodes(await target.post(target.url, target.query, { token }))] as const)));
  const everywhere = (codes: string[]) => Object.fromEntries(targets().map((target) => [target.name, codes]));
  const jwksUrl = () => goliath.platform.gatewayUrl.replace('/graphql', '/.well-known/jwks.json');
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

  it('refuses a revoked session at the gateway and at every subgraph within one second', async () => {
    // given a session token every process has accepted (and remembers)
    const sessionId = randomUUID();
    const token = await issuePlatformToken(signer, settings, { ...admin, sessionId });
    const other = await issuePlatformToken(signer, settings, { ...admin, sessionId: randomUUID() });
    expect(await answers(token)).toEqual(everywhere([]));
    // when the session is revoked by another process
    const revokedAt = await goliath.revokeFromAnotherProcess(sessionId);
    // then every process refuses it with SESSION_REVOKED in under a second
    let refusedEverywhereAfter: number | undefined;
    while (Date.now() - revokedAt < 2000) {
      if (JSON.stringify(await answers(token)) === JSON.stringify(everywhere(['SESSION_REVOKED']))) {
        refusedEverywhereAfter = Date.now() - revokedAt;
        break;
      }
      await sleep(10);
    }
    expect(refusedEverywhereAfter).toBeDefined();
    expect(refusedEverywhereAfter).toBeLessThan(1000);
    // and another session of the same user is untouched
    expect(await answers(other)).toEqual(everywhere([]));
  });

  it('publishes the unretired public keys at /.well-known/jwks.json, enough for jose to verify a platform token', async () => {
    const response = await fetch(jwksUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    const current = await signer.signingKey();
    expect(keys).toContainEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), kid: current.kid, alg: 'ES256', use: 'sig' });
    expect(keys.every((key) => key.d === undefined)).toBe(true);
    const token = await issuePlatformToken(signer, settings, admin);
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(jwksUrl())), { issuer: settings.issuer, audience: settings.audience });
    expect(payload.sub).toBe('ada');
    expect(protectedHeader.kid).toBe(current.kid);
  });

  it('rotates the signing key while requests run: no request fails, new tokens use the new kid, the old kid is refused after the grace', async () => {
    // given a token of the current key and clients that keep calling, with old and freshly issued tokens
    const oldKid = (await signer.signingKey()).kid;
    const oldToken = await issuePlatformToken(signer, settings, admin);
    const failures: unknown[] = [];
    const kidsUsed = new Set<string>();
    let requests = 0;
    let running = true;
    const client = async () => {
      while (running) {
        const fresh = await issuePlatformToken(signer, settings, admin);
        kidsUsed.add(decodeProtectedHeader(fresh).kid!);
        for (const token of [oldToken, fresh]) {
          const result = await postGraphQL(goliath.platform.gatewayUrl, GATEWAY_PROBE, { token });
          requests++;
          if (result.errors) failures.push(result.errors);
        }
      }
    };
    const clients = Array.from({ length: 3 }, () => client());
    await sleep(300);
    // when a key is rotated in mid-traffic
    const added = await rotateSigningKey(goliath.platform.keysDir);
    const requestsAtRotation = requests;
    await sleep(700);
    running = false;
    await Promise.all(clients);
    // then nothing failed, traffic ran on both sides of the rotation, and new tokens carry the new kid
    expect(failures).toEqual([]);
    expect(requestsAtRotation).toBeGreaterThan(0);
    expect(requests).toBeGreaterThan(requestsAtRotation);
    expect(kidsUsed).toEqual(new Set([oldKid, added.kid]));
    expect(decodeProtectedHeader(await issuePlatformToken(signer, settings, admin)).kid).toBe(added.kid);
    // and within the grace the old token still works everywhere and both keys are published
    expect(await answers(oldToken)).toEqual(everywhere([]));
    const during = (await (await fetch(jwksUrl())).json()) as { keys: { kid: string }[] };
    expect(during.keys.map((key) => key.kid).sort()).toEqual([oldKid, added.kid].sort());
    // when the grace is over
    await sleep(added.createdAt + GRACE_SECONDS * 1000 + 1100 - Date.now());
    // then the old kid is refused everywhere and no longer published; the new key's tokens work
    expect(await answers(oldToken)).toEqual(everywhere(['UNAUTHENTICATED']));
    expect(await answers(await issuePlatformToken(signer, settings, admin))).toEqual(everywhere([]));
    const after = (await (await fetch(jwksUrl())).json()) as { keys: { kid: string }[] };
    expect(after.keys.map((key) => key.kid)).toEqual([added.kid]);
  });
});
