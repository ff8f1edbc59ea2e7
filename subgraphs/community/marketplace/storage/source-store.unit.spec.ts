import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlgorithmSourceStore } from './source-store';

describe('algorithm source store', () => {
  let directory: string;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'goliath-sources-'))));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('stores code under its SHA-256, once however often it is put, and gives it back', async () => {
    const store = new AlgorithmSourceStore(join(directory, 'algorithms'));
    const code = Buffer.from('def solve(q):\n    return anneal(q)\n');
    const sha256 = createHash('sha256').update(code).digest('hex');
    expect(await Promise.all([store.put(code), store.put(code)])).toEqual([sha256, sha256]);
    expect(readdirSync(join(directory, 'algorithms'))).toEqual([sha256]);
    expect(await store.get(sha256)).toEqual(code);
  });

  it('answers undefined for a hash it does not hold, and for anything that is not a hash', async () => {
    const store = new AlgorithmSourceStore(directory);
    expect(await store.get('0'.repeat(64))).toBeUndefined();
    expect(await store.get('../../etc/passwd')).toBeUndefined();
  });
});
