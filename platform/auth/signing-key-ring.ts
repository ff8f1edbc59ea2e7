import { importJWK, type JSONWebKeySet, type JWK, type KeyLike } from 'jose';
import { unauthenticated } from '../errors';
import { ensureSigningKey, keysDirVersion, readStoredSigningKeys, SIGNING_ALGORITHM, type StoredSigningKey } from './signing-keys';

/** A key of the ring, imported and with its retirement worked out. */
export interface SigningKey {
  readonly kid: string;
  readonly generation: number;
  readonly createdAt: number;
  /** Epoch ms from which tokens it signed are refused: the next key's creation plus the grace; absent for the newest. */
  readonly retiresAt?: number;
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
  readonly publicJwk: JWK;
}

export interface SigningKeyRingOptions {
  /** How long a key still verifies after the next one was created (SIGNING_KEY_GRACE_SECONDS). */
  readonly graceSeconds: number;
  readonly now?: () => number;
}

/** What a verifier needs: the public key for a token's `kid`, refusing unknown and retired keys. */
export interface VerificationKeys {
  verificationKey(kid: string | undefined): Promise<KeyLike>;
}

/** What a signer needs: the key that signs now. */
export interface TokenSigner {
  signingKey(): Promise<Pick<SigningKey, 'kid' | 'privateKey'>>;
}

/** A forced re-read without a visible change happens at most this often, so random kids cannot make us read the disk per request. */
const FORCED_RELOAD_INTERVAL_MS = 1000;
/** How often the verify path looks for a new key by itself (a stat), so that an old key retires on time even if no token names the new one. */
const PASSIVE_CHECK_INTERVAL_MS = 1000;

/**
 * The platform's signing keys as one process sees them, kept in step with KEYS_DIR without a
 * restart: the newest key signs; older keys verify until `retiresAt`; a key another process
 * added is picked up when the signer issues (one stat per token), when a token names an unknown
 * kid, or within a second in any case.
 */
export class SigningKeyRing implements VerificationKeys, TokenSigner {
  private keys: readonly SigningKey[] = [];
  private loadedVersion = -1n;
  private loadedAt = 0;
  private checkedAt = 0;
  private reloading: Promise<void> | undefined;

  private constructor(
    private readonly keysDir: string,
    private readonly graceMs: number,
    private readonly now: () => number,
  ) {}

  /** Opens the ring, creating the first key when KEYS_DIR has none. */
  static async open(keysDir: string, options: SigningKeyRingOptions): Promise<SigningKeyRing> {
    await ensureSigningKey(keysDir);
    const ring = new SigningKeyRing(keysDir, options.graceSeconds * 1000, options.now ?? Date.now);
    await ring.reload();
    return ring;
  }

  async signingKey(): Promise<SigningKey> {
    await this.reloadIfChanged();
    const newest = this.keys[this.keys.length - 1];
    if (!newest) throw new Error(`No signing key in ${this.keysDir}; restart a Goliath process or run npm run keys:rotate to create one`);
    return newest;
  }

  async verificationKey(kid: string | undefined): Promise<KeyLike> {
    if (typeof kid !== 'string') throw unauthenticated('The token names no signing key (kid); sign in again.');
    let key = this.find(kid);
    if (!key) {
      await this.reloadForUnknownKid();
      key = this.find(kid);
    }
    if (!key) throw unauthenticated('The token is signed by a key this platform does not know; sign in again.');
    this.assertUnretired(key);
    return key.publicKey;
  }

  /**
   * Refuses a token whose key has retired since it was verified: tokens served from the
   * verified-token cache pass here on every call.
   */
  async assertKeyUnretired(kid: string | undefined): Promise<void> {
    if (this.now() - this.checkedAt >= PASSIVE_CHECK_INTERVAL_MS) await this.reloadIfChanged();
    const key = kid === undefined ? undefined : this.find(kid);
    if (key) this.assertUnretired(key);
  }

  /** The public halves of every unretired key, for GET /.well-known/jwks.json. */
  async publishedKeys(): Promise<JSONWebKeySet> {
    await this.reloadIfChanged();
    const now = this.now();
    return { keys: this.keys.filter((key) => key.retiresAt === undefined || now < key.retiresAt).map((key) => key.publicJwk) };
  }

  private find(kid: string): SigningKey | undefined {
    return this.keys.find((key) => key.kid === kid);
  }

  private assertUnretired(key: SigningKey): void {
    if (key.retiresAt !== undefined && this.now() >= key.retiresAt) {
      throw unauthenticated('The token is signed by a retired signing key; sign in again to get a token signed by the current key.');
    }
  }

  private async reloadIfChanged(): Promise<boolean> {
    this.checkedAt = this.now();
    if (keysDirVersion(this.keysDir) === this.loadedVersion) return false;
    await this.reload();
    return true;
  }

  private async reloadForUnknownKid(): Promise<void> {
    if (await this.reloadIfChanged()) return;
    // A directory whose mtime is coarse (some network volumes) may hide a new key: re-read it anyway, but rarely.
    if (this.now() - this.loadedAt >= FORCED_RELOAD_INTERVAL_MS) await this.reload();
  }

  /** Re-reads KEYS_DIR; concurrent callers share one read. */
  private reload(): Promise<void> {
    this.reloading ??= this.readKeys().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private async readKeys(): Promise<void> {
    // The version is taken before reading, so a key added meanwhile shows up as a change next time.
    const version = keysDirVersion(this.keysDir);
    this.loadedAt = this.now();
    const stored = readStoredSigningKeys(this.keysDir);
    const keys: SigningKey[] = [];
    for (const [index, entry] of stored.entries()) {
      const next = stored[index + 1];
      keys.push({ ...(await this.imported(entry)), ...(next && { retiresAt: next.createdAt + this.graceMs }) });
    }
    this.keys = keys;
    this.loadedVersion = version;
  }

  private async imported(entry: StoredSigningKey): Promise<SigningKey> {
    const known = this.find(entry.kid);
    if (known && known.generation === entry.generation) {
      const { retiresAt: _recomputed, ...key } = known;
      return key;
    }
    const { d: _private, ...publicJwk } = entry.privateJwk;
    return {
      kid: entry.kid,
      generation: entry.generation,
      createdAt: entry.createdAt,
      privateKey: (await importJWK(entry.privateJwk, SIGNING_ALGORITHM)) as KeyLike,
      publicKey: (await importJWK(publicJwk, SIGNING_ALGORITHM)) as KeyLike,
      publicJwk: { kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y, kid: entry.kid, alg: SIGNING_ALGORITHM, use: 'sig' },
    };
  }
}
