import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createFileOnce } from '../files/create-file-once';

export const SIGNING_ALGORITHM = 'ES256';
/** The single key of data directories made before rotation existed; it counts as generation 0. */
const LEGACY_KEY_FILE = 'signing-key.json';
const KEY_FILE = /^signing-key-(\d{6,})\.json$/;

/** One signing key as kept in KEYS_DIR: a private JWK plus when it was made. */
export interface StoredSigningKey {
  /** Orders the keys: the highest generation signs. */
  readonly generation: number;
  readonly kid: string;
  /** Epoch milliseconds; the previous generation retires a grace period after this. */
  readonly createdAt: number;
  readonly privateJwk: JWK;
}

/**
 * The keys in `keysDir`, oldest generation first. Files are named by generation
 * (`signing-key-000002.json`) rather than by kid so that two processes creating "the next key"
 * at once compete for one name and exactly one wins (see `addSigningKey`).
 */
export function readStoredSigningKeys(keysDir: string): StoredSigningKey[] {
  let names: string[];
  try {
    names = readdirSync(keysDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const keys: StoredSigningKey[] = [];
  for (const name of names) {
    const generation = name === LEGACY_KEY_FILE ? 0 : Number(KEY_FILE.exec(name)?.[1] ?? Number.NaN);
    if (Number.isNaN(generation)) continue;
    const key = readKeyFile(join(keysDir, name), generation);
    if (key) keys.push(key);
  }
  return keys.sort((a, b) => a.generation - b.generation);
}

/** Creates the first key unless the directory has one; every process racing here ends up with the same key. */
export async function ensureSigningKey(keysDir: string): Promise<void> {
  if (readStoredSigningKeys(keysDir).length === 0) await addSigningKey(keysDir, 1);
}

/** Adds a key one generation above the newest: it signs from now on, and the previous key starts its grace period. */
export async function rotateSigningKey(keysDir: string): Promise<StoredSigningKey> {
  const keys = readStoredSigningKeys(keysDir);
  return addSigningKey(keysDir, (keys[keys.length - 1]?.generation ?? 0) + 1);
}

/**
 * Writes a new key as `generation`, race-safe on a shared volume (createFileOnce); then the key
 * under that name is returned, whoever wrote it.
 */
async function addSigningKey(keysDir: string, generation: number): Promise<StoredSigningKey> {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const file = join(keysDir, `signing-key-${String(generation).padStart(6, '0')}.json`);
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const candidate = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: SIGNING_ALGORITHM, use: 'sig', createdAt: new Date().toISOString() };
  createFileOnce(file, JSON.stringify(candidate));
  const stored = readKeyFile(file, generation);
  if (!stored) throw new Error(`Signing key ${file} could not be read after creation`);
  return stored;
}

function readKeyFile(file: string, generation: number): StoredSigningKey | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const { createdAt, ...privateJwk } = JSON.parse(text) as JWK & { createdAt?: string };
  if (typeof privateJwk.kid !== 'string') throw new Error(`Signing key ${file} has no kid`);
  return {
    generation,
    kid: privateJwk.kid,
    // The legacy file never recorded its birth; its mtime is as good, since it only ever precedes the rotated keys.
    createdAt: createdAt ? Date.parse(createdAt) : statSync(file).mtimeMs,
    privateJwk,
  };
}

/** The directory's modification time (ns): it changes whenever a key file is added, so one stat tells whether to re-read. */
export function keysDirVersion(keysDir: string): bigint {
  try {
    return statSync(keysDir, { bigint: true }).mtimeNs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return -1n;
    throw error;
  }
}
