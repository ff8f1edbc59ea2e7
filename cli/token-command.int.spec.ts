import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSigningKey } from '../platform/auth/signing-keys';
import { runToken } from './token-command';
import { UsageError } from './usage-error';

function capturedIo() {
  let out = '';
  let err = '';
  return { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) }, out: () => out, err: () => err };
}

describe('goliath token, as npm run token runs it (runToken)', () => {
  let dataDir: string;
  const env = () => ({ DATA_DIR: dataDir });
  const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number; iat: number; roles: string[] };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'goliath-token-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses with exit 2, naming KEYS_DIR and DATA_DIR, when the keys folder has no signing key, and makes none', async () => {
    const io = capturedIo();

    expect(await runToken(['--role', 'PLATFORM_ADMIN'], io, env())).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toContain(`no signing key in ${join(dataDir, 'keys')} (KEYS_DIR, or DATA_DIR/keys; DATA_DIR is ${dataDir})`);
    expect(io.err()).toContain('npm run keys:rotate');
    expect(existsSync(join(dataDir, 'keys')) ? readdirSync(join(dataDir, 'keys')) : []).toEqual([]);
  });

  it('prints a token signed with the existing key, living TOKEN_TTL_SECONDS by default and --ttl when given', async () => {
    await ensureSigningKey(join(dataDir, 'keys'));
    const plain = capturedIo();
    expect(await runToken(['--role', 'PLATFORM_ADMIN'], plain, env())).toBe(0);
    const byDefault = claims(plain.out().trim());
    expect(byDefault.exp - byDefault.iat).toBe(900);
    expect(byDefault.roles).toEqual(['PLATFORM_ADMIN']);

    const twoHours = capturedIo();
    expect(await runToken(['--role', 'ANALYST', '--tenant', 't1', '--ttl', '2h'], twoHours, env())).toBe(0);
    const long = claims(twoHours.out().trim());
    expect(long.exp - long.iat).toBe(7200);
  });

  it('takes --role as the API writes it in any case, or as it was typed before (tenant-admin), and writes it as the API does', async () => {
    await ensureSigningKey(join(dataDir, 'keys'));
    for (const typed of ['TENANT_ADMIN', 'tenant_admin', 'tenant-admin']) {
      const io = capturedIo();
      expect(await runToken(['--role', typed, '--tenant', 't1'], io, env())).toBe(0);
      expect(claims(io.out().trim()).roles).toEqual(['TENANT_ADMIN']);
    }
  });

  it.each([
    [['--ttl', '5s', '--role', 'PLATFORM_ADMIN'], '--ttl must be from 10s to 24h, got "5s"'],
    [['--ttl', '25h', '--role', 'PLATFORM_ADMIN'], '--ttl must be from 10s to 24h, got "25h"'],
    [['--ttl', '15', '--role', 'PLATFORM_ADMIN'], '--ttl must be a duration such as 500ms, 10s, 2m or 1h, got "15"'],
    [['--role', 'root'], '--role must be one of'],
    [[], 'missing --role'],
    [['--role', 'PLATFORM_ADMIN', '--bogus'], 'unknown option --bogus'],
    [['--role', 'PLATFORM_ADMIN', 'extra'], 'unexpected argument extra'],
  ])('refuses %p as a usage error (exit 2) with a one-line reason', async (argv, message) => {
    await ensureSigningKey(join(dataDir, 'keys'));

    const refusal = runToken(argv, capturedIo(), env());
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow(message);
  });

  it('--help prints the usage on stdout and exits 0, without keys', async () => {
    const io = capturedIo();

    expect(await runToken(['--help'], io, env())).toBe(0);
    expect(io.out()).toMatch(/^Usage: goliath token --role ROLE/);
    expect(io.out()).toContain('npm run -s token -- --role ROLE');
    expect(io.out()).toContain('--ttl DURATION');
    expect(io.err()).toBe('');
  });
});
