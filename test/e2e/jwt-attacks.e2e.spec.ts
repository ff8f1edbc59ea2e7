import { exportSPKI, generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type JWK, type KeyLike } from 'jose';
import { randomUUID } from 'node:crypto';
import { issuePlatformToken, type TokenClaims } from '../../platform/auth/platform-token';
import { SigningKeyRing } from '../../platform/auth/signing-key-ring';
import { rotateSigningKey } from '../../platform/auth/signing-keys';
import { errorCodes, postGraphQL } from '../support/gateway-client';
import { postAsGateway } from '../support/gateway-signed-request';
import { useTestPlatform } from '../support/test-platform';

const GRACE_SECONDS = 1;
const settings = { issuer: 'goliath', audience: 'goliath-api', ttlSeconds: 600 };
const admin: TokenClaims = { subject: 'mallory', roles: ['PLATFORM_ADMIN'], authMethod: 'oidc' };
/** Answered by the enterprise subgraph, so it works through the gateway and against the subgraph directly. */
const QUERY = '{ tenants(first: 1) { edges { node { id } } } }';

/** Forged, stale and revoked tokens, each refused by the gateway and by a subgraph behind it (zero trust: called here as the gateway calls it, signed, so that its own check shows). */
describe('JWT attacks', () => {
  const goliath = useTestPlatform({ env: { SIGNING_KEY_GRACE_SECONDS: String(GRACE_SECONDS) } });
  let ring: SigningKeyRing;
  let targets: { name: string; url: string; post: typeof postGraphQL }[];

  beforeAll(async () => {
    const { platform } = goliath;
    ring = await SigningKeyRing.open(platform.keysDir, { graceSeconds: GRACE_SECONDS });
    targets = [
      { name: 'gateway', url: platform.gatewayUrl, post: postGraphQL },
      { name: 'enterprise subgraph', url: platform.subgraphUrls.enterprise, post: (url, query, options) => postAsGateway(platform.keysDir, url, query, options) },
    ];
  });

  const currentKid = async () => (await ring.signingKey()).kid;

  /** The answer of every target to a token: the error codes it returned. */
  const codesFor = async (token: string) =>
    Promise.all(targets.map(async (target) => ({ target: target.name, codes: errorCodes(await target.post(target.url, QUERY, { token })) })));

  const expectRefused = async (token: string, code = 'UNAUTHENTICATED') => {
    for (const answer of await codesFor(token)) expect(answer).toEqual({ target: answer.target, codes: [code] });
  };

  const expectAccepted = async (token: string) => {
    for (const answer of await codesFor(token)) expect(answer).toEqual({ target: answer.target, codes: [] });
  };

  /** Claims a genuine token would carry, on a token built by hand. */
  const claimsOf = <Token extends SignJWT | UnsecuredJWT>(token: Token): Token =>
    token.setSubject('mallory').setIssuer(settings.issuer).setAudience(settings.audience).setJti(randomUUID()).setIssuedAt().setExpirationTime('10m') as Token;

  it('accepts a genuine token (the baseline the attacks are measured against)', async () => {
    await expectAccepted(await issuePlatformToken(ring, settings, admin));
  });

  it('refuses an unsigned token (alg none)', async () => {
    await expectRefused(claimsOf(new UnsecuredJWT({ roles: ['PLATFORM_ADMIN'] })).encode());
  });

  it('refuses HS256 tokens keyed with the public key, as JWK JSON and as PEM (algorithm confusion)', async () => {
    const kid = await currentKid();
    // the public key as anyone can fetch it from /.well-known/jwks.json
    const { keys } = (await (await fetch(goliath.platform.gatewayUrl.replace('/graphql', '/.well-known/jwks.json'))).json()) as { keys: JWK[] };
    const jwk = keys.find((key) => key.kid === kid)!;
    const pem = await exportSPKI((await importJWK(jwk, 'ES256')) as KeyLike);
    for (const secret of [JSON.stringify(jwk), pem]) {
      const forged = await claimsOf(new SignJWT({ roles: ['PLATFORM_ADMIN'] }))
        .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
        .sign(new TextEncoder().encode(secret));
      await expectRefused(forged);
    }
  });

  it('refuses a token from another issuer, for another audience, or expired', async () => {
    await expectRefused(await issuePlatformToken(ring, { ...settings, issuer: 'elsewhere' }, admin));
    await expectRefused(await issuePlatformToken(ring, { ...settings, audience: 'elsewhere' }, admin));
    await expectRefused(await issuePlatformToken(ring, { ...settings, ttlSeconds: -10 }, admin));
  });

  it('refuses a token signed by a key the platform does not know, whatever kid it names', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    for (const kid of [randomUUID(), await currentKid()]) {
      await expectRefused(await issuePlatformToken({ signingKey: async () => ({ kid, privateKey }) }, settings, admin));
    }
  });

  it('refuses, with SESSION_REVOKED, a token whose session another process revoked, though it was accepted before', async () => {
    // given a session token that both targets have accepted (and remember)
    const sessionId = randomUUID();
    const token = await issuePlatformToken(ring, settings, { ...admin, sessionId });
    await expectAccepted(token);
    // when another process appends SessionRevoked
    await goliath.revokeFromAnotherProcess(sessionId, { reason: 'revoked', actor: 'admin' });
    // then within a second both refuse it
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await expectRefused(token, 'SESSION_REVOKED');
  });

  it('refuses a token signed by a rotated-out key once its grace period is over', async () => {
    // given a token of the current key, accepted
    const oldToken = await issuePlatformToken(ring, settings, admin);
    await expectAccepted(oldToken);
    // when a new key is rotated in and the grace passes
    const added = await rotateSigningKey(goliath.platform.keysDir);
    await expectAccepted(oldToken);
    await new Promise((resolve) => setTimeout(resolve, added.createdAt + GRACE_SECONDS * 1000 + 1200 - Date.now()));
    // then the old key's tokens are refused, saying why, and the new key's accepted
    await expectRefused(oldToken);
    expect((await postGraphQL(goliath.platform.gatewayUrl, QUERY, { token: oldToken })).errors?.[0]?.message).toMatch(/retired signing key; sign in again/);
    await expectAccepted(await issuePlatformToken(ring, settings, admin));
  });
});
