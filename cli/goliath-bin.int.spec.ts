import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SolveReport } from './solve-report';
import { sharedDataFile } from '../test/support/shared-data';

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
    expect(run.stderr).toBe('goliath solve: --time must be a duration such as 500ms, 10s or 2m, got "soon"\nRun "goliath solve --help" for usage.\n');
  });

  it('goliath audit reads the configured store: one that does not exist is refused, not created', () => {
    const dataDir = join(tmpdir(), `goliath-no-store-${process.pid}`);
    const run = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--tenant', 'acme'], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, DATA_DIR: dataDir, SQLITE_FILE: '', EVENTSTORE_URL: '' } });

    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`goliath audit: no event store at ${join(dataDir, 'goliath.db')}: set DATA_DIR or SQLITE_FILE (or EVENTSTORE_URL) as for the platform\nRun "goliath audit --help" for usage.\n`);
    expect(existsSync(dataDir)).toBe(false);
  });
});
