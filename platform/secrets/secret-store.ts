import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFileOnce } from '../files/create-file-once';

/**
 * Where credentials that the platform must replay to someone else live (an LDAP bind password).
 * Events and read models hold only the reference, so a secret never reaches the event log, a log
 * line, a query result or a backup of the database.
 */
export interface SecretStore {
  /** Stores `secret` and answers the reference to keep in events. */
  put(secret: string): Promise<string>;
  get(reference: string): Promise<string>;
}

const MASTER_KEY_FILE = 'secrets-master.key';
const REFERENCE = /^secret-[0-9a-f-]{36}$/;

/**
 * Secrets encrypted with AES-256-GCM under a master key kept next to the signing keys (KEYS_DIR,
 * mode 0600), one file per secret, the reference bound as additional data so files cannot be
 * swapped. The master key is created race-safe like the signing key: several processes sharing the
 * volume end up with the same key.
 */
export function openFileSecretStore(keysDir: string): SecretStore {
  const secretsDir = join(keysDir, 'secrets');
  mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
  const masterKey = loadOrCreateMasterKey(keysDir);
  const fileOf = (reference: string) => {
    if (!REFERENCE.test(reference)) throw new Error(`Not a secret reference: ${reference}`);
    return join(secretsDir, `${reference}.json`);
  };
  return {
    async put(secret) {
      const reference = `secret-${randomUUID()}`;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv).setAAD(Buffer.from(reference));
      const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      const sealed = { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
      const temporary = `${fileOf(reference)}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(sealed), { mode: 0o600 });
      renameSync(temporary, fileOf(reference));
      return reference;
    },
    async get(reference) {
      const sealed = JSON.parse(readFileSync(fileOf(reference), 'utf8')) as { iv: string; tag: string; ciphertext: string };
      const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(sealed.iv, 'base64')).setAAD(Buffer.from(reference));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}

function loadOrCreateMasterKey(keysDir: string): Buffer {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const file = join(keysDir, MASTER_KEY_FILE);
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  createFileOnce(file, randomBytes(32));
  return readFileSync(file);
}
