import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SolveReport } from './solve-report';
import { sharedDataFile } from '../test/support/shared-data';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';

/** `npm ci` builds dist (the prepare script), so CI always has the CLI that `npx goliath` runs. */
const BIN = join(__dirname, '..', 'dist', 'cli', 'goliath.js');

describe('goliath (the built bin)', () => {
  it('exists: run `npm run build` first', () => {
    expect(existsSync(BIN)).toBe(true);
  });

  it('solves bqp50.1 end to end: JSON alone on stdout, progress on stderr', () => {
    const run = spawnSync(process.execPath, [BIN, 'solve', sharedDataFile('qubo', 'orlib', 'bqp50.txt'), '--time', '1s', '--seed', '1', '--workers', '1'], {
      encoding: 'utf8',
      timeout: 10_000,
    });

    expect(run.stderr).toMatch(/done 1\.\ds\/1\.0s {2}best objective 2098/);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as SolveReport;
    expect(report).toMatchObject({ format: 'bqp', instance: 1, seed: 1, bestObjective: 2098, bestEnergy: -2098 });
  });

  it('exits 2 with a one-line message for a bad flag', () => {
    const run = spawnSync(process.execPath, [BIN, 'solve', 'x.txt', '--time', 'soon'], { encoding: 'utf8', timeout: 10_000 });

    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('goliath solve: --time must be a duration such as 500ms, 10s, 2m or 1h, got "soon"\nRun "goliath solve --help" for usage.\n');
  });

  it('goliath audit reads the configured store: one that does not exist is refused, not created', () => {
    const dataDir = join(tmpdir(), `goliath-no-store-${process.pid}`);
    const run = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--tenant', 'acme'], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, DATA_DIR: dataDir, SQLITE_FILE: '', EVENTSTORE_URL: '' } });

    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`goliath audit: no event store at ${join(dataDir, 'goliath.db')}: set DATA_DIR or SQLITE_FILE (or EVENTSTORE_URL or POSTGRES_URL) as for the platform\nRun "goliath audit --help" for usage.\n`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('goliath usage import checks every row before touching a store: a bad row is exit 2, named by its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'goliath-usage-bin-'));
    try {
      const file = join(dir, 'usage.csv');
      writeFileSync(file, 'timestamp,value\n2026-11-01 00:00:00,3\n2026-11-01 01:00:00,lots\n');
      const run = spawnSync(process.execPath, [BIN, 'usage', 'import', file, '--tenant', 'acme', '--resource', 'compute', '--aggregate', 'sum'], {
        encoding: 'utf8',
        timeout: 10_000,
        env: { ...process.env, DATA_DIR: dir },
      });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`${file}:3: value "lots" is not a number ≥ 0`);
      expect(existsSync(join(dir, 'goliath.db'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('goliath forecast plot reads the configured store: one that does not exist is refused, not created', () => {
    const dataDir = join(tmpdir(), `goliath-no-plot-store-${process.pid}`);
    const run = spawnSync(process.execPath, [BIN, 'forecast', 'plot', '--tenant', 'acme', '--resource', 'compute'], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, DATA_DIR: dataDir, SQLITE_FILE: '', EVENTSTORE_URL: '' } });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('--version prints the package version and exits 0', () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = spawnSync(process.execPath, [BIN, flag], { encoding: 'utf8', timeout: 10_000 });
      expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('Ctrl-C during a solve prints the best result so far and exits 130', async () => {
    const child = spawn(process.execPath, [BIN, 'solve', sharedDataFile('qubo', 'orlib', 'bqp50.txt'), '--time', '1m', '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Once it reports progress, the solve is under way.
    await new Promise<void>((resolve) => child.stderr.once('data', () => resolve()));
    child.kill('SIGINT');

    expect(await exited).toBe(130);
    expect(JSON.parse(stdout)).toMatchObject({ stoppedBy: 'cancelled', bestObjective: expect.any(Number) });
  });

  it('goliath audit verify of a tenant with no audit trail exits 2, saying so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'goliath-empty-store-'));
    try {
      const store = createSqliteEventStore({ file: join(dataDir, 'goliath.db'), synchronous: 'NORMAL' });
      await store.close();
      const run = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--tenant', 'nobody'], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, DATA_DIR: dataDir, SQLITE_FILE: '', EVENTSTORE_URL: '' } });

      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^goliath audit: tenant "nobody" has no audit trail in this event store/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
