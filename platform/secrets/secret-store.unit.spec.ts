import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileSecretStore } from './secret-store';

describe('file secret store', () => {
  let keysDir: string;
  beforeEach(() => {
    keysDir = mkdtempSync(join(tmpdir(), 'goliath-secrets-'));
  });
  afterEach(() => rmSync(keysDir, { recursive: true, force: true }));

  it('gives back a stored secret by its reference, also through a second opening (another process)', async () => {
    const reference = await openFileSecretStore(keysDir).put('s3cret-bind-password');
    expect(reference).toMatch(/^secret-/);
    await expect(openFileSecretStore(keysDir).get(reference)).resolves.toBe('s3cret-bind-password');
  });

  it('never writes the secret in clear', async () => {
    const reference = await openFileSecretStore(keysDir).put('s3cret-bind-password');
    const stored = readFileSync(join(keysDir, 'secrets', `${reference}.json`), 'utf8');
    expect(stored).not.toContain('s3cret');
  });

  it('refuses a secret file moved under another reference', async () => {
    const store = openFileSecretStore(keysDir);
    const [first, second] = [await store.put('one'), await store.put('two')];
    writeFileSync(join(keysDir, 'secrets', `${second}.json`), readFileSync(join(keysDir, 'secrets', `${first}.json`)));
    await expect(store.get(second)).rejects.toThrow();
  });

  it('refuses a reference that is not one (no path tricks)', async () => {
    await expect(openFileSecretStore(keysDir).get('../signing-key')).rejects.toThrow(/Not a secret reference/);
    expect(readdirSync(keysDir)).toContain('secrets-master.key');
  });
});
