import { exportJWK, generateKeyPair } from 'jose';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issuePlatformToken, verifyPlatformToken } from './platform-token';
import { SigningKeyRing } from './signing-key-ring';
import * as signingKeys from './signing-keys';
import { readStoredSigningKeys, rotateSigningKey } from './signing-keys';

const settings = { issuer: 'goliath', audience: 'goliath-api', ttlSeconds: 600 };
const claims = { subject: 'ada', roles: ['PLATFORM_ADMIN' as const], authMethod: 'oidc' };
const GRACE_SECONDS = 30;

describe('SigningKeyRing', () => {
  let keysDir: string;
  let now: number;
  const open = () => SigningKeyRing.open(keysDir, { graceSeconds: GRACE_SECONDS, now: () => now });

  beforeEach(() => {
    keysDir = mkdtempSync(join(tmpdir(), 'goliath-ring-'));
    now = Date.now();
  });
  afterEach(() => rmSync(keysDir, { recursive: true, force: true }));

  it('creates one key on first start and loads the same key on the next start', async () => {
    const first = await (await open()).signingKey();
    const again = await (await open()).signingKey();
    expect(again.kid).toBe(first.kid);
    expect(readdirSync(keysDir)).toEqual(['signing-key-000001.json']);
  });

  it('gives every process the same first key when several create it at once', async () => {
    const rings = await Promise.all(Array.from({ length: 8 }, () => open()));
    const kids = await Promise.all(rings.map(async (ring) => (await ring.signingKey()).kid));
    expect(new Set(kids).size).toBe(1);
  });

  it('keeps reading the single key of a data directory made before rotation', async () => {
    // given a legacy signing-key.json
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    writeFileSync(join(keysDir, 'signing-key.json'), JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'legacy', alg: 'ES256', use: 'sig' }));
    const ring = await open();
    const legacyToken = await issuePlatformToken(ring, settings, claims);
    // when a key is rotated in, then the new key signs and the legacy token still verifies within the grace
    await rotateSigningKey(keysDir);
    expect((await ring.signingKey()).kid).not.toBe('legacy');
    await expect(verifyPlatformToken(ring, settings, legacyToken)).resolves.toMatchObject({ keyId: 'legacy' });
  });

  it('signs with a key another process added, and verifies the old key until the grace ends', async () => {
    // given a signer and a verifier in two processes
    const signer = await open();
    const verifier = await open();
    const oldToken = await issuePlatformToken(signer, settings, claims);
    // when another process rotates
    const added = await rotateSigningKey(keysDir);
    // then the next token is signed by the new key, which the verifier learns on first sight
    const newToken = await issuePlatformToken(signer, settings, claims);
    await expect(verifyPlatformToken(verifier, settings, newToken)).resolves.toMatchObject({ keyId: added.kid });
    // and the old key verifies until the grace ends, then is refused and no longer published
    now = added.createdAt + GRACE_SECONDS * 1000 - 1;
    await expect(verifyPlatformToken(verifier, settings, oldToken)).resolves.toMatchObject({ subject: 'ada' });
    expect((await verifier.publishedKeys()).keys).toHaveLength(2);
    now = added.createdAt + GRACE_SECONDS * 1000;
    await expect(verifyPlatformToken(verifier, settings, oldToken)).rejects.toMatchObject({
      message: expect.stringMatching(/retired signing key; sign in again/),
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect((await verifier.publishedKeys()).keys.map((key) => key.kid)).toEqual([added.kid]);
  });

  it('refuses a remembered token once its key retires', async () => {
    const ring = await open();
    const kid = (await ring.signingKey()).kid;
    await expect(ring.assertKeyUnretired(kid)).resolves.toBeUndefined();
    const added = await rotateSigningKey(keysDir);
    now = added.createdAt + GRACE_SECONDS * 1000 + 1;
    await expect(ring.assertKeyUnretired(kid)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses an unknown kid, re-reading the directory at most once a second when nothing changed', async () => {
    const ring = await open();
    const stranger = await generateKeyPair('ES256');
    const forged = await issuePlatformToken({ signingKey: async () => ({ kid: 'stranger', privateKey: stranger.privateKey }) }, settings, claims);
    const reads = jest.spyOn(signingKeys, 'readStoredSigningKeys');
    try {
      now += 5000;
      for (let attempt = 0; attempt < 20; attempt++) {
        await expect(verifyPlatformToken(ring, settings, forged)).rejects.toMatchObject({
          message: expect.stringMatching(/key this platform does not know/),
          extensions: { code: 'UNAUTHENTICATED' },
        });
      }
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
  });

  it('gives one new key when two rotations race', async () => {
    await open();
    const added = await Promise.all([rotateSigningKey(keysDir), rotateSigningKey(keysDir)]);
    expect(added[0]!.kid).toBe(added[1]!.kid);
    expect(readStoredSigningKeys(keysDir).map((key) => key.generation)).toEqual([1, 2]);
  });
});
