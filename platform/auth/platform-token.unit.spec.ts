import { SignJWT, UnsecuredJWT } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { issuePlatformToken, verifyPlatformToken } from './platform-token';
import { SigningKeyRing } from './signing-key-ring';

const settings = { issuer: 'goliath', audience: 'goliath-api', ttlSeconds: 60 };

describe('platform token', () => {
  let keysDir: string;
  let keys: SigningKeyRing;

  beforeAll(async () => {
    keysDir = mkdtempSync(join(tmpdir(), 'goliath-keys-'));
    keys = await SigningKeyRing.open(keysDir, { graceSeconds: 60 });
  });
  afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

  const refusal = async (token: string) => {
    const error = await verifyPlatformToken(keys, settings, token).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  };

  it('round-trips subject, roles, tenant, session and signing key', async () => {
    const token = await issuePlatformToken(keys, settings, { subject: 'ada', roles: ['TENANT_ADMIN'], tenantId: 't1', authMethod: 'oidc', sessionId: 's1' });
    await expect(verifyPlatformToken(keys, settings, token)).resolves.toEqual({
      subject: 'ada',
      roles: ['TENANT_ADMIN'],
      tenantId: 't1',
      tokenId: expect.any(String),
      sessionId: 's1',
      keyId: (await keys.signingKey()).kid,
      authMethod: 'oidc',
    });
  });

  it('ends the token at notAfter when that comes before the TTL', async () => {
    const notAfter = new Date(Date.now() + 10_000);
    const token = await issuePlatformToken(keys, settings, { subject: 'ada', roles: ['PLATFORM_ADMIN'], authMethod: 'oidc', notAfter });
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
    expect(exp).toBe(Math.floor(notAfter.getTime() / 1000));
  });

  it('refuses an unsigned (alg none) token', async () => {
    const token = new UnsecuredJWT({ roles: ['PLATFORM_ADMIN'] }).setSubject('mallory').setIssuer('goliath').setAudience('goliath-api').setExpirationTime('1h').encode();
    expect((await refusal(token)).extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an HMAC token signed with the public key (algorithm confusion)', async () => {
    const publicJwk = JSON.stringify((await keys.publishedKeys()).keys[0]);
    const token = await new SignJWT({ roles: ['PLATFORM_ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer('goliath')
      .setAudience('goliath-api')
      .setJti('x')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(publicJwk));
    expect((await refusal(token)).extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token and says to sign in again', async () => {
    const token = await issuePlatformToken(keys, { ...settings, ttlSeconds: -10 }, { subject: 'ada', roles: ['PLATFORM_ADMIN'], authMethod: 'development' });
    expect((await refusal(token)).message).toMatch(/expired/);
  });

  it('refuses a token for another audience', async () => {
    const token = await issuePlatformToken(keys, { ...settings, audience: 'elsewhere' }, { subject: 'ada', roles: ['PLATFORM_ADMIN'], authMethod: 'development' });
    expect((await refusal(token)).extensions.code).toBe('UNAUTHENTICATED');
  });

  describe('a token minted before roles took the API spelling', () => {
    const mintedBefore = async (roles: unknown[], tenant?: string) => {
      const key = await keys.signingKey();
      return new SignJWT({ roles, ...(tenant && { tenant }), amr: 'oidc', sid: 's1' })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
        .setSubject('ada')
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setJti('j1')
        .setExpirationTime('5m')
        .sign(key.privateKey);
    };

    it('writes the roles claim as the API does', async () => {
      const token = await issuePlatformToken(keys, settings, { subject: 'ada', roles: ['TENANT_ADMIN', 'AUDITOR'], tenantId: 't1', authMethod: 'oidc' });
      expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'))).toMatchObject({ roles: ['TENANT_ADMIN', 'AUDITOR'] });
    });

    it('still verifies, its old role names read in the new spelling, so a signed-in user stays signed in', async () => {
      await expect(verifyPlatformToken(keys, settings, await mintedBefore(['tenant-admin', 'auditor'], 't1'))).resolves.toMatchObject({ roles: ['TENANT_ADMIN', 'AUDITOR'], tenantId: 't1', sessionId: 's1' });
      // platform-admin still needs no tenant
      await expect(verifyPlatformToken(keys, settings, await mintedBefore(['platform-admin']))).resolves.toMatchObject({ roles: ['PLATFORM_ADMIN'], tenantId: undefined });
    });

    it('is refused when any role is unknown in either spelling', async () => {
      expect((await refusal(await mintedBefore(['tenant-admin', 'root'], 't1'))).message).toMatch(/no known role/);
      expect((await refusal(await mintedBefore([42], 't1'))).message).toMatch(/no known role/);
    });
  });

  it('refuses a tenant-admin token that names no tenant', async () => {
    const token = await issuePlatformToken(keys, settings, { subject: 'ada', roles: ['TENANT_ADMIN'], authMethod: 'development' });
    expect((await refusal(token)).message).toMatch(/no tenant/);
  });
});
