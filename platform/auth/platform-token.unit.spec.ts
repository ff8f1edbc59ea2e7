import { SignJWT, UnsecuredJWT } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { issuePlatformToken, verifyPlatformToken } from './platform-token';
import { loadOrCreateSigningKeys, type SigningKeys } from './signing-keys';

const settings = { issuer: 'goliath', audience: 'goliath-api', ttlSeconds: 60 };

describe('platform token', () => {
  let keysDir: string;
  let keys: SigningKeys;

  beforeAll(async () => {
    keysDir = mkdtempSync(join(tmpdir(), 'goliath-keys-'));
    keys = await loadOrCreateSigningKeys(keysDir);
  });
  afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

  const refusal = async (token: string) => {
    const error = await verifyPlatformToken(keys, settings, token).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  };

  it('round-trips subject, roles and tenant', async () => {
    const token = await issuePlatformToken(keys, settings, { subject: 'ada', roles: ['tenant-admin'], tenantId: 't1', authMethod: 'development' });
    await expect(verifyPlatformToken(keys, settings, token)).resolves.toMatchObject({
      subject: 'ada',
      roles: ['tenant-admin'],
      tenantId: 't1',
      authMethod: 'development',
    });
  });

  it('loads the same key on the next start', async () => {
    const again = await loadOrCreateSigningKeys(keysDir);
    expect(again.kid).toBe(keys.kid);
  });

  it('gives every process the same key when several create it at once', async () => {
    const freshDir = mkdtempSync(join(tmpdir(), 'goliath-keys-race-'));
    try {
      const loaded = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSigningKeys(freshDir)));
      expect(new Set(loaded.map((key) => key.kid)).size).toBe(1);
    } finally {
      rmSync(freshDir, { recursive: true, force: true });
    }
  });

  it('refuses an unsigned (alg none) token', async () => {
    const token = new UnsecuredJWT({ roles: ['platform-admin'] }).setSubject('mallory').setIssuer('goliath').setAudience('goliath-api').setExpirationTime('1h').encode();
    expect((await refusal(token)).extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an HMAC token signed with the public key (algorithm confusion)', async () => {
    const publicJwk = JSON.stringify(keys.jwks.keys[0]);
    const token = await new SignJWT({ roles: ['platform-admin'] })
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
    const token = await issuePlatformToken(keys, { ...settings, ttlSeconds: -10 }, { subject: 'ada', roles: ['platform-admin'], authMethod: 'development' });
    expect((await refusal(token)).message).toMatch(/expired/);
  });

  it('refuses a token for another audience', async () => {
    const token = await issuePlatformToken(keys, { ...settings, audience: 'elsewhere' }, { subject: 'ada', roles: ['platform-admin'], authMethod: 'development' });
    expect((await refusal(token)).extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a tenant-admin token that names no tenant', async () => {
    const token = await issuePlatformToken(keys, settings, { subject: 'ada', roles: ['tenant-admin'], authMethod: 'development' });
    expect((await refusal(token)).message).toMatch(/no tenant/);
  });
});
