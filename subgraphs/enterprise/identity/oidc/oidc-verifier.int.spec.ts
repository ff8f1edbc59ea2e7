import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '../../../../platform/errors';
import { startOidcIssuer, type TestOidcIssuer } from '../../../../test/support/oidc-issuer';
import { IdentityVerificationError } from '../verified-identity';
import type { OidcProviderSettings } from './oidc-provider-settings';
import { createOidcVerifier, type OidcVerifier } from './oidc-verifier';

describe('OIDC id-token verification against a real local issuer', () => {
  let issuer: TestOidcIssuer;
  let verifier: OidcVerifier;
  let settings: OidcProviderSettings;

  beforeAll(async () => {
    issuer = await startOidcIssuer();
  });
  afterAll(() => issuer.stop());
  beforeEach(() => {
    verifier = createOidcVerifier();
    settings = { issuer: issuer.url, clientId: 'goliath', clockSkewSeconds: 0 };
  });

  const refusalCode = async (token: string, checks = {}, withSettings = settings) => {
    const error = await verifier.verifyIdToken(withSettings, token, checks).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(IdentityVerificationError);
    return (error as IdentityVerificationError).code;
  };

  it('accepts a valid token and states sub, name, email, groups and expiry', async () => {
    const token = await issuer.issueIdToken(
      { sub: 'user-42', name: 'Ada Lovelace', email: 'ada@example.com', groups: ['analysts', 'admins'], department: 'R&D' },
      { expiresInSeconds: 600 },
    );

    const identity = await verifier.verifyIdToken(settings, token);

    expect(identity).toMatchObject({
      externalId: 'user-42',
      displayName: 'Ada Lovelace',
      email: 'ada@example.com',
      groups: ['analysts', 'admins'],
      attributes: { department: ['R&D'] },
    });
    expect(identity.attributes).not.toHaveProperty('iss');
    expect(identity.validUntil!.getTime()).toBeGreaterThan(Date.now() + 590_000);
  });

  it('reads groups from a configured claim given as a space-separated string', async () => {
    const token = await issuer.issueIdToken({ sub: 'u', roles: 'analysts  viewers' });

    const identity = await verifier.verifyIdToken({ ...settings, groupsClaim: 'roles' }, token);

    expect(identity.groups).toEqual(['analysts', 'viewers']);
  });

  it('does not state an email the provider says it has not verified', async () => {
    const token = await issuer.issueIdToken({ sub: 'u', email: 'ceo@example.com', email_verified: false });

    expect((await verifier.verifyIdToken(settings, token)).email).toBeUndefined();
  });

  it('accepts a matching nonce', async () => {
    const token = await issuer.issueIdToken({ sub: 'u', nonce: 'n-123' });

    await expect(verifier.verifyIdToken(settings, token, { nonce: 'n-123' })).resolves.toMatchObject({ externalId: 'u' });
  });

  it('fetches discovery and the JWKS once for repeated sign-ins', async () => {
    const before = { ...issuer.requests };
    for (let i = 0; i < 3; i += 1) await verifier.verifyIdToken(settings, await issuer.issueIdToken({ sub: `u${i}` }));

    expect(issuer.requests.discovery - before.discovery).toBe(1);
    expect(issuer.requests.jwks - before.jwks).toBe(1);
  });

  it('picks up a rotated signing key by refetching the JWKS on an unknown kid', async () => {
    const rotatingVerifier = createOidcVerifier({ jwksRefetchCooldownMs: 0 });
    await rotatingVerifier.verifyIdToken(settings, await issuer.issueIdToken({ sub: 'before' }));
    await issuer.rotateKey();

    const identity = await rotatingVerifier.verifyIdToken(settings, await issuer.issueIdToken({ sub: 'after' }));

    expect(identity.externalId).toBe('after');
  });

  it('refuses an unsigned token (alg none)', async () => {
    expect(await refusalCode(await issuer.issueIdToken({ sub: 'u' }, { algorithm: 'none' }))).toBe(
      ErrorCode.OidcAlgorithmRefused,
    );
  });

  it('refuses HS256 keyed with the published RSA public key (HS/RS confusion)', async () => {
    expect(await refusalCode(await issuer.issueIdToken({ sub: 'u' }, { algorithm: 'HS256' }))).toBe(
      ErrorCode.OidcAlgorithmRefused,
    );
  });

  it('refuses a token signed by a key the JWKS does not publish', async () => {
    const unknownKid = await issuer.issueIdToken({ sub: 'u' }, { signWithUnpublishedKey: true });
    const publishedKid = await issuer.issueIdToken({ sub: 'u' }, { signWithUnpublishedKey: true, kid: await currentKid() });

    expect(await refusalCode(unknownKid)).toBe(ErrorCode.OidcTokenInvalid);
    expect(await refusalCode(publishedKid)).toBe(ErrorCode.OidcTokenInvalid);
  });

  it('refuses a token from another issuer', async () => {
    expect(await refusalCode(await issuer.issueIdToken({ sub: 'u' }, { issuer: 'https://evil.example.com' }))).toBe(
      ErrorCode.OidcIssuerMismatch,
    );
  });

  it('refuses a token for another audience', async () => {
    expect(await refusalCode(await issuer.issueIdToken({ sub: 'u' }, { audience: 'another-app' }))).toBe(
      ErrorCode.OidcAudienceMismatch,
    );
  });

  it('refuses a token for several audiences whose authorized party is another client', async () => {
    const token = await issuer.issueIdToken({ sub: 'u', azp: 'another-app' }, { audience: ['goliath', 'another-app'] });

    expect(await refusalCode(token)).toBe(ErrorCode.OidcAudienceMismatch);
  });

  it('refuses an expired token, and accepts it within the configured clock skew', async () => {
    const token = await issuer.issueIdToken({ sub: 'u' }, { issuedAt: new Date(Date.now() - 120_000), expiresInSeconds: 60 });

    expect(await refusalCode(token)).toBe(ErrorCode.OidcTokenExpired);
    await expect(verifier.verifyIdToken({ ...settings, clockSkewSeconds: 120 }, token)).resolves.toMatchObject({
      externalId: 'u',
    });
  });

  it('refuses a token whose nbf is in the future', async () => {
    expect(await refusalCode(await issuer.issueIdToken({ sub: 'u' }, { notBeforeInSeconds: 120 }))).toBe(
      ErrorCode.OidcTokenNotYetValid,
    );
  });

  it('checks expiry at the given time', async () => {
    const token = await issuer.issueIdToken({ sub: 'u' }, { expiresInSeconds: 60 });

    expect(await refusalCode(token, { now: new Date(Date.now() + 3_600_000) })).toBe(ErrorCode.OidcTokenExpired);
  });

  it('refuses a token whose nonce differs from the sign-in, or that carries none', async () => {
    expect(await refusalCode(await issuer.issueIdToken({ sub: 'u', nonce: 'other' }), { nonce: 'n-123' })).toBe(
      ErrorCode.OidcNonceMismatch,
    );
    expect(await refusalCode(await issuer.issueIdToken({ sub: 'u' }), { nonce: 'n-123' })).toBe(ErrorCode.OidcNonceMismatch);
  });

  it('refuses a token without sub, and text that is no token', async () => {
    expect(await refusalCode(await issuer.issueIdToken({}))).toBe(ErrorCode.OidcTokenInvalid);
    expect(await refusalCode('not-a-token')).toBe(ErrorCode.OidcTokenInvalid);
  });

  it('reports an unreachable issuer as IDENTITY_PROVIDER_UNAVAILABLE, for discovery and for a configured JWKS URI', async () => {
    const down = await startOidcIssuer();
    const token = await down.issueIdToken({ sub: 'u' });
    await down.stop();

    expect(await refusalCode(token, {}, { issuer: down.url, clientId: 'goliath', clockSkewSeconds: 0 })).toBe(
      ErrorCode.IdentityProviderUnavailable,
    );
    expect(
      await refusalCode(token, {}, { issuer: down.url, clientId: 'goliath', clockSkewSeconds: 0, jwksUri: down.jwksUri }),
    ).toBe(ErrorCode.IdentityProviderUnavailable);
  });

  it('gives up on an issuer that never answers after the fetch timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const impatient = createOidcVerifier({ fetchTimeoutMs: 200 });
    const token = await issuer.issueIdToken({ sub: 'u' });
    try {
      for (const silentSettings of [
        { ...settings, issuer: silentUrl },
        { ...settings, jwksUri: `${silentUrl}/jwks` },
      ]) {
        const started = Date.now();
        const error = await impatient.verifyIdToken(silentSettings, token).catch((thrown: unknown) => thrown);

        expect(error).toMatchObject({ code: ErrorCode.IdentityProviderUnavailable });
        expect(Date.now() - started).toBeLessThan(2_000);
      }
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses a discovery document that names another issuer', async () => {
    const token = await issuer.issueIdToken({ sub: 'u' }, { issuer: `${issuer.url}/` });

    expect(await refusalCode(token, {}, { ...settings, issuer: `${issuer.url}/` })).toBe(ErrorCode.OidcIssuerMismatch);
  });

  async function currentKid(): Promise<string> {
    const token = await issuer.issueIdToken({ sub: 'u' });
    return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid as string;
  }
});
