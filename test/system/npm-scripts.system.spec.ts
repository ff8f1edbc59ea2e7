import { sharedDataFile } from '../support/shared-data';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../platform/project-root';
import { SUPERGRAPH_FILE } from '../../schema/supergraph';
import { postGraphQL } from '../support/gateway-client';
import { freePort, processEnv, spawnProcess, waitForHttp, type SpawnedProcess } from '../support/spawned-process';

jest.setTimeout(300_000);

const root = projectRoot();
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Runs `npm run -s NAME -- ARGS` to its end, as a user does in a shell. */
function npmRun(name: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000) {
  const run = spawnSync('npm', ['run', '-s', name, ...(args.length > 0 ? ['--', ...args] : [])], { cwd: root, env: processEnv(env), encoding: 'utf8', timeout: timeoutMs });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, output: `${run.stdout}${run.stderr}` };
}

/**
 * Every start script and command of package.json, run the way a user runs it (`npm run …`, from
 * dist/ after `npm run build`), kept cheap: the split-mode processes serve a mutation and stop on
 * Ctrl-C, the token and key commands work against them, compose rewrites the supergraph as it is,
 * and each benchmark runs in its smoke mode. `npm start` is run by start-and-stop.system.spec.ts,
 * the build and test scripts by CI itself.
 */
describe('the npm scripts of package.json', () => {
  it('names no script that this suite and the others leave unrun', () => {
    // build:kernel runs inside build (and so in every npm ci); the kernel tests load what it wrote.
    const runElsewhere = ['build', 'build:kernel', 'prepare', 'start', 'test', 'test:system', 'test:contract', 'typecheck'];
    const runHere = ['start:subgraph', 'start:projections', 'start:gateway', 'token', 'keys:rotate', 'compose', 'bench:eventstore', 'bench:gateway', 'bench:auth', 'bench:qubo', 'bench:evolution', 'bench:forecast', 'bench:marketplace'];
    expect(Object.keys(scripts).sort()).toEqual([...runElsewhere, ...runHere].sort());
  });

  describe('start:subgraph, start:projections and start:gateway on one data folder, with token and keys:rotate', () => {
    let dataDir: string;
    const started: SpawnedProcess[] = [];
    let gatewayUrl: string;
    const env = () => ({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'goliath-npm-scripts-'));
      const [subgraphPort, healthPort, gatewayPort] = await Promise.all([freePort(), freePort(), freePort()]);
      const npmStart = (name: string, args: string[], extra: NodeJS.ProcessEnv) => {
        const process = spawnProcess(name, 'npm', ['run', name, ...(args.length > 0 ? ['--', ...args] : [])], processEnv({ ...env(), ...extra }), root);
        started.push(process);
        return process;
      };
      const enterprise = npmStart('start:subgraph', ['enterprise'], { SUBGRAPH_PORT: String(subgraphPort) });
      const projections = npmStart('start:projections', [], { HEALTH_PORT: String(healthPort) });
      await waitForHttp(`http://127.0.0.1:${subgraphPort}/health`, enterprise, 60_000);
      await waitForHttp(`http://127.0.0.1:${healthPort}/readyz`, projections, 60_000);
      const gateway = npmStart('start:gateway', [], { PORT: String(gatewayPort), SUBGRAPH_ENTERPRISE_URL: `http://127.0.0.1:${subgraphPort}/graphql` });
      await waitForHttp(`http://127.0.0.1:${gatewayPort}/health`, gateway, 60_000);
      gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    });

    afterAll(async () => {
      await Promise.all(started.map((process) => process.stop('SIGKILL')));
      rmSync(dataDir, { recursive: true, force: true });
    });

    const createTenant = async (token: string, name: string) => postGraphQL<{ createTenant: { id: string; name: string } }>(gatewayUrl, `mutation { createTenant(input: { name: "${name}" }) { id name } }`, { token });

    it('serve a mutation through the gateway, read back at once, with a token from `npm run token`', async () => {
      const token = npmRun('token', ['--role', 'PLATFORM_ADMIN'], env());
      expect(token.status).toBe(0);

      const created = await createTenant(token.stdout.trim(), 'Scripted');

      expect(created).toEqual({ data: { createTenant: { id: expect.any(String), name: 'Scripted' } } });
    });

    it('accept tokens of the key `npm run keys:rotate` adds, without a restart', async () => {
      const rotated = npmRun('keys:rotate', [], env());
      expect(rotated.status).toBe(0);
      expect(rotated.stdout).toMatch(/^New signing key \S+ \(generation 2\)/);

      const token = npmRun('token', ['--role', 'PLATFORM_ADMIN'], env()).stdout.trim();
      const created = await createTenant(token, 'Rotated');

      expect(created.errors).toBeUndefined();
      expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid).toBe(/New signing key (\S+)/.exec(rotated.stdout)![1]);
    });

    it('stop on Ctrl-C, every process of each, cleanly', async () => {
      // One after another: SQLite folds its WAL back only when the last connection closes alone, and
      // connections closing at the same moment may each leave that to another.
      const stopped: { script: string; killed: boolean }[] = [];
      for (const process of started) stopped.push({ script: process.name, killed: (await process.stop('SIGINT')).killed });

      expect(stopped).toEqual(started.map((process) => ({ script: process.name, killed: false })));
      for (const process of started) {
        expect({ script: process.name, shutDown: /shutting down/.test(process.output()), failures: process.output().split('\n').filter((line) => /"level":(50|60)|failed/.test(line)) }).toEqual({ script: process.name, shutDown: true, failures: [] });
      }
      expect(existsSync(join(dataDir, 'goliath.db-wal'))).toBe(false);
    });
  });

  it('compose: writes the supergraph the subgraphs compose to today (the checked-in one)', () => {
    const checkedIn = readFileSync(SUPERGRAPH_FILE, 'utf8');
    const run = npmRun('compose', [], {}, 240_000);
    const written = readFileSync(SUPERGRAPH_FILE, 'utf8');
    // A stale supergraph is supergraph.int.spec.ts's to report: leave the checked-in file as it was.
    if (written !== checkedIn) writeFileSync(SUPERGRAPH_FILE, checkedIn);

    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain(`wrote ${SUPERGRAPH_FILE}`);
    expect(written === checkedIn).toBe(true);
  });

  describe.each(['eventstore', 'qubo', 'gateway', 'auth', 'evolution', 'forecast', 'marketplace'])('bench:%s', (benchmark) => {
    it('runs in its smoke mode (BENCH_SMOKE=1) and writes its result where told', () => {
      const resultsDir = mkdtempSync(join(tmpdir(), `goliath-bench-${benchmark}-`));
      try {
        // The QUBO instances are read in place from the shared data, wherever the checkout finds it.
        const run = npmRun(`bench:${benchmark}`, [], { BENCH_SMOKE: '1', BENCH_RESULTS_DIR: resultsDir, LOG_LEVEL: 'silent', QUBO_DATA_DIR: sharedDataFile('qubo') }, 240_000);

        expect({ status: run.status, output: run.status === 0 ? '' : run.output }).toEqual({ status: 0, output: '' });
        const result = JSON.parse(readFileSync(join(resultsDir, `${benchmark}.json`), 'utf8')) as { benchmark: string; smoke: boolean };
        expect(result).toMatchObject({ benchmark, smoke: true });
      } finally {
        rmSync(resultsDir, { recursive: true, force: true });
      }
    });
  });
});
