import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SIGNING_ALGORITHM = 'ES256';
const KEY_FILE = 'signing-key.json';

export interface SigningKeys {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
  /** The public half as a JWK set, for verifiers and the JWKS endpoint. */
  readonly jwks: { keys: JWK[] };
}

/**
 * Loads the platform's signing key from `keysDir`, generating it on first start. Several
 * processes may start at once on a shared volume (docker-compose): the key is written to a
 * temporary file and hard-linked into place, which fails if another process won the race, so
 * every process ends up with the same key.
 */
export async function loadOrCreateSigningKeys(keysDir: string): Promise<SigningKeys> {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const file = join(keysDir, KEY_FILE);
  let privateJwk = readJwk(file);
  if (!privateJwk) {
    const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const candidate: JWK = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: SIGNING_ALGORITHM, use: 'sig' };
    const temporary = `${file}.${process.pid}.${randomUUID()}`;
    writeFileSync(temporary, JSON.stringify(candidate), { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
    privateJwk = readJwk(file);
    if (!privateJwk) throw new Error(`Signing key ${file} could not be read after creation`);
  }
  const { d: _private, ...publicJwk } = privateJwk;
  return {
    kid: privateJwk.kid as string,
    privateKey: (await importJWK(privateJwk, SIGNING_ALGORITHM)) as KeyLike,
    publicKey: (await importJWK(publicJwk, SIGNING_ALGORITHM)) as KeyLike,
    jwks: { keys: [publicJwk] },
  };
}

function readJwk(file: string): JWK | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
