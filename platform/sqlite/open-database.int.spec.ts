import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './open-database';

const permissionsOf = (path: string) => statSync(path).mode & 0o777;

/** The database holds every tenant's data: readable by its owner only, WAL and shared memory included. */
describe('openDatabase file permissions', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'goliath-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the database, its -wal and its -shm readable and writable by the owner only (0600)', () => {
    const file = join(dir, 'nested', 'goliath.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(permissionsOf(path).toString(8)).toBe('600');
    db.close();
  });

  it('closes down a database file an earlier version left readable by others', () => {
    const file = join(dir, 'goliath.db');
    openDatabase(file).close();
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '');
    chmodSync(`${file}-wal`, 0o644);
    const db = openDatabase(file);
    expect(permissionsOf(file).toString(8)).toBe('600');
    expect(permissionsOf(`${file}-wal`).toString(8)).toBe('600');
    db.close();
  });
});
