import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import { projectRoot } from '../../platform/project-root';
import { freePort, processEnv, spawnProcess, waitForHttp, type SpawnedProcess } from '../support/spawned-process';

jest.setTimeout(120_000);

const root = projectRoot();

/**
 * The README's first two blocks, run as written: the first in the terminal the user leaves running
 * (the platform, from dist/), the second in the terminal of the walkthrough (a platform-admin token
 * from the real command, signed with the key the platform made in the same DATA_DIR).
 */
const STARTS_THE_PLATFORM = 'npm start';
const TAKES_A_TOKEN = 'export TOKEN=$(npm run -s token -- --role PLATFORM_ADMIN)';

/** The shell blocks of the README's "Walkthrough" section, in order, without the indentation of the list items they sit in. */
function walkthroughBlocks(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = /^## Walkthrough\n([\s\S]*?)(?=^## )/m.exec(readme);
  if (!section) throw new Error('README.md has no "## Walkthrough" section');
  return [...section[1].matchAll(/^( *)```sh\n([\s\S]*?)^\1```$/gm)].map(([, indent, body]) =>
    body
      .split('\n')
      .map((line) => line.slice(indent.length))
      .join('\n')
      .trim(),
  );
}

/** The example a block runs: `gql FILE …` or `node examples/FILE`. */
function exampleOf(block: string): string | undefined {
  return /^gql (\S+)|^node examples\/(\S+)/m.exec(block)?.slice(1).find(Boolean);
}

/** The claims of a JWT, unverified (the platform verified it when it answered). */
function claimsOf(token: string): { sub: string; roles: string[] } {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as { sub: string; roles: string[] };
}

interface Pasted {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * One bash session, given the README's blocks one at a time as a user pastes them into a
 * terminal, so the variables a block sets (`TOKEN`, `TENANT`, `PROBLEM`, `JOB`) and the `gql`
 * function are there for the next. Each block is sourced from a file with stdin closed, so no
 * command in it can swallow the next block.
 */
class Terminal {
  private readonly shell: ChildProcessWithoutNullStreams;
  private readonly folder = mkdtempSync(join(tmpdir(), 'goliath-walkthrough-'));
  private stdout = '';
  private stderr = '';
  private pasted = 0;

  constructor(env: NodeJS.ProcessEnv) {
    this.shell = spawn('bash', ['--noprofile', '--norc'], { cwd: root, env, stdio: 'pipe' });
    this.shell.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.shell.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  async paste(block: string, timeoutMs = 30_000): Promise<Pasted> {
    const file = join(this.folder, `block-${++this.pasted}.sh`);
    writeFileSync(file, `${block}\n`);
    const marker = `__walkthrough_block_${this.pasted}_done__`;
    const [stdoutFrom, stderrFrom] = [this.stdout.length, this.stderr.length];
    this.shell.stdin.write(`source '${file}' </dev/null; printf '\\n${marker} %s\\n' "$?"; printf '${marker}\\n' >&2\n`);
    const done = new RegExp(`\\n${marker} (\\d+)\\n`);
    const deadline = Date.now() + timeoutMs;
    while (!(done.test(this.stdout.slice(stdoutFrom)) && this.stderr.slice(stderrFrom).includes(`${marker}\n`))) {
      if (this.shell.exitCode !== null) throw new Error(`bash exited (${this.shell.exitCode}) during:\n${block}\n${this.stderr.slice(stderrFrom)}`);
      if (Date.now() > deadline) throw new Error(`Still running after ${timeoutMs} ms:\n${block}\nstdout: ${this.stdout.slice(stdoutFrom)}\nstderr: ${this.stderr.slice(stderrFrom)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const stdout = this.stdout.slice(stdoutFrom);
    const end = done.exec(stdout)!;
    return { status: Number(end[1]), stdout: stdout.slice(0, end.index).trim(), stderr: this.stderr.slice(stderrFrom).replace(`${marker}\n`, '').trim() };
  }

  close(): void {
    this.shell.stdin.end();
    this.shell.kill();
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/**
 * The README's walkthrough, run as written, from its first block on: `npm start` (the built
 * dist/main.js) on a free port and a fresh DATA_DIR, left running as in the user's first terminal;
 * then, in one bash as the user's second terminal (same folder, same DATA_DIR, GOLIATH_URL naming
 * that port), every other block pasted one after another: the token from `npm run token`, the `gql`
 * helper, and each step (curl and jq through the gateway over HTTP, the graphql-ws client as a
 * child process with TOKEN and GOLIATH_URL from the environment), each answer checked in the order
 * a user reads them, the ids passing from step to step through the shell variables the README sets.
 * Needs bash, curl and jq on PATH (.ci/run installs them), and `npm run build` first.
 */
describe('the README walkthrough, run as written against `npm start`', () => {
  const blocks = walkthroughBlocks();
  const steps = blocks.filter((block) => exampleOf(block) !== undefined);
  const setup = blocks.filter((block) => exampleOf(block) === undefined);
  let dataDir: string;
  let platform: SpawnedProcess | undefined;
  let terminal: Terminal | undefined;
  const ids: { tenant?: string; problem?: string; constraints?: string[]; job?: string } = {};

  const run = async (example: string, timeoutMs?: number): Promise<Pasted> => {
    const block = steps.find((step) => exampleOf(step) === example);
    if (!block) throw new Error(`The walkthrough runs no ${example}`);
    const pasted = await terminal!.paste(block, timeoutMs);
    expect({ example, status: pasted.status, stderr: pasted.stderr }).toEqual({ example, status: 0, stderr: '' });
    return pasted;
  };
  const answerOf = async <T>(example: string): Promise<T> => {
    const answer = JSON.parse((await run(example)).stdout) as { data?: T; errors?: unknown };
    expect({ example, errors: answer.errors }).toEqual({ example, errors: undefined });
    return answer.data as T;
  };
  const shellVariable = async (name: string) => (await terminal!.paste(`printf '%s' "$${name}"`)).stdout;

  beforeAll(async () => {
    const missing = ['bash', 'curl', 'jq'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
    if (missing.length > 0) throw new Error(`The walkthrough needs ${missing.join(', ')} on PATH, as its README section says (Debian: apt-get install ${missing.join(' ')}; .ci/run installs them)`);
    if (!existsSync(join(root, 'dist', 'main.js'))) throw new Error('dist/main.js is missing: run `npm run build` before the system suite');
    const [start] = setup;
    if (start !== STARTS_THE_PLATFORM) throw new Error(`The walkthrough's first block is ${JSON.stringify(start)}, not ${JSON.stringify(STARTS_THE_PLATFORM)}: the test knows how to leave only that one running`);

    // The first terminal: the README's first block, in its own process group, on a free port and a fresh data folder.
    dataDir = mkdtempSync(join(tmpdir(), 'goliath-walkthrough-data-'));
    const port = await freePort();
    platform = spawnProcess(start, 'bash', ['-c', start], processEnv({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', SOLVER_WORKERS: '1' }), root);
    await waitForHttp(`http://127.0.0.1:${port}/readyz`, platform, 60_000);
    const deadline = Date.now() + 30_000;
    while (!/Goliath is ready/.test(platform.output())) {
      if (Date.now() > deadline) throw new Error(`${start} answered /readyz but printed no ready line:\n${platform.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // The second terminal: same folder and DATA_DIR, GOLIATH_URL naming the port, and no TOKEN but the one its blocks take.
    const env = processEnv({ DATA_DIR: dataDir, GOLIATH_URL: `http://127.0.0.1:${port}/graphql` });
    delete env.TOKEN;
    delete env.PORT;
    terminal = new Terminal(env);
    // The other blocks that run no example (the token, the gql helper) set the terminal up, as the README has the user do first.
    for (const block of setup.slice(1)) {
      expect(await terminal.paste(block)).toEqual({ status: 0, stdout: '', stderr: '' });
    }
  });

  afterAll(async () => {
    terminal?.close();
    await platform?.stop('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the platform with npm start and takes a platform-admin token, then runs every example of examples/ once, in the order of their numbers', async () => {
    const examples = readdirSync(join(root, 'examples')).sort();

    expect(setup.slice(0, 2)).toEqual([STARTS_THE_PLATFORM, TAKES_A_TOKEN]);
    expect(blocks.slice(0, setup.length)).toEqual(setup);
    expect(steps.map(exampleOf)).toEqual(examples);
    expect(examples).toEqual(examples.map((_, index) => expect.stringMatching(new RegExp(`^${String(index + 1).padStart(2, '0')}-[a-z-]+\\.(graphql|mjs)$`))));
    expect(claimsOf(await shellVariable('TOKEN')).roles).toEqual(['PLATFORM_ADMIN']);
  });

  it('passes each operation the variables it declares, as its header comment lists them for the Playground', () => {
    const operations = steps.filter((block) => exampleOf(block)!.endsWith('.graphql'));
    const variables = operations.map((block) => {
      const example = exampleOf(block)!;
      const text = readFileSync(join(root, 'examples', example), 'utf8');
      const header = /^# Variables: (.*)$/m.exec(text);
      const [operation] = parse(text).definitions as OperationDefinitionNode[];
      return {
        example,
        declared: (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value).sort(),
        inTheHeader: header ? Object.keys(JSON.parse(header[1]) as object).sort() : 'no "# Variables:" line',
        passedByTheReadme: [...block.matchAll(/--arg(?:json)? (\w+)/g)].map(([, name]) => name).sort(),
      };
    });

    expect(variables).toEqual(variables.map(({ example, declared }) => ({ example, declared, inTheHeader: declared, passedByTheReadme: declared })));
  });

  it('1. creates a tenant, as the platform admin, and keeps its id in $TENANT', async () => {
    const { createTenant } = await answerOf<{ createTenant: { id: string; name: string; createdAt: string } }>('01-create-tenant.graphql');

    expect(createTenant).toEqual({ id: expect.any(String), name: 'Acme Logistics', createdAt: expect.any(String) });
    expect(await shellVariable('TENANT')).toBe(createTenant.id);
    ids.tenant = createTenant.id;
  });

  it('2. stores the problem in that tenant and keeps its id in $PROBLEM', async () => {
    const { createProblem } = await answerOf<{ createProblem: { id: string } }>('02-create-problem.graphql');

    expect(createProblem).toEqual({ id: expect.any(String), name: 'Open two depots', variableCount: 4, quadraticTermCount: 2, createdAt: expect.any(String) });
    expect(await shellVariable('PROBLEM')).toBe(createProblem.id);
    ids.problem = createProblem.id;
  });

  it('3. adds its two constraints', async () => {
    const added = await answerOf<Record<string, { id: string }>>('03-add-constraints.graphql');

    expect(added).toEqual({
      exactlyTwo: { id: expect.any(String), kind: 'LINEAR_EQUALITY', penaltyMethod: 'MANUAL', penaltyWeight: 10, version: 1 },
      oneInTheNorth: { id: expect.any(String), kind: 'LINEAR_INEQUALITY', penaltyMethod: 'MANUAL', penaltyWeight: 10, version: 1 },
    });
    ids.constraints = [added.exactlyTwo.id, added.oneInTheNorth.id];
  });

  it('4. optimizeQubo answers the best feasible sample, north1 and south2 open at energy 4, both constraints met', async () => {
    interface Sample {
      energy: number;
      feasible: boolean;
    }
    const { optimizeQubo } = await answerOf<{ optimizeQubo: { best: Sample & Record<string, unknown>; samples: Sample[] } }>('04-optimize-qubo.graphql');

    expect(optimizeQubo).toMatchObject({ runId: expect.any(String), strategy: 'TABU', stoppedBy: expect.any(String), timeToBestMs: expect.any(Number) });
    expect(optimizeQubo.best).toEqual({
      energy: 4,
      objective: 4,
      feasible: true,
      assignment: [
        { variable: 'north1', value: 1 },
        { variable: 'north2', value: 0 },
        { variable: 'south1', value: 0 },
        { variable: 'south2', value: 1 },
      ],
      constraintResults: ids.constraints!.map((constraintId, index) => ({
        constraintId,
        kind: ['LINEAR_EQUALITY', 'LINEAR_INEQUALITY'][index],
        penalty: 0,
        violation: 0,
        satisfied: true,
      })),
    });
    expect(optimizeQubo.samples[0]).toEqual({ energy: 4, feasible: true });
    const energies = optimizeQubo.samples.map((sample) => sample.energy);
    expect(energies).toEqual([...energies].sort((a, b) => a - b));
  });

  it('5. submits the solve job, which answers at once, and keeps its id in $JOB', async () => {
    const { submitSolveJob } = await answerOf<{ submitSolveJob: { id: string } }>('05-submit-solve-job.graphql');

    // The optimization process's runner may have picked the job up before the answer was read.
    expect(submitSolveJob).toEqual({ id: expect.any(String), status: expect.stringMatching(/^(SUBMITTED|RUNNING)$/), strategy: 'SA', timeLimitMs: 3000, submittedAt: expect.any(String) });
    expect(await shellVariable('JOB')).toBe(submitSolveJob.id);
    ids.job = submitSolveJob.id;
  });

  it('6. the graphql-ws client follows the job live, one JSON line per message, up to its completion, and exits 0', async () => {
    const { stdout } = await run('06-follow-solve-job.mjs', 30_000);
    const messages = stdout.split('\n').map((line) => JSON.parse(line) as { type: string; status: string; bestEnergy: number | null; fractionOfBudget: number | null });

    expect(messages.map((message) => message.type)).toContain('SolveJobProgressed');
    expect(messages.slice(0, -1).every((message) => message.status === 'RUNNING')).toBe(true);
    expect(messages.at(-1)).toMatchObject({ type: 'SolveJobCompleted', status: 'COMPLETED', bestEnergy: 4, fractionOfBudget: 1 });
  });

  it('7. reads the completed job and its result over HTTP', async () => {
    const { solveJob } = await answerOf<{ solveJob: Record<string, unknown> }>('07-solve-job.graphql');

    expect(solveJob).toMatchObject({ id: ids.job, status: 'COMPLETED', attempt: 1, bestEnergy: 4, finishedAt: expect.any(String) });
    expect(solveJob.result).toMatchObject({ feasible: true, bestEnergy: 4, bestObjective: 4, bestAssignment: '1001', variableNames: ['north1', 'north2', 'south1', 'south2'] });
  });

  let trailLength = 0;
  it("8. the tenant's audit trail lists each change in order, then the runner's work on the job", async () => {
    interface Entry {
      sequence: number;
      actor: string;
      action: string;
      target: string;
      outcome: string;
      hash: string;
    }
    const { auditTrail } = await answerOf<{ auditTrail: { edges: { node: Entry }[]; pageInfo: { hasNextPage: boolean } } }>('08-audit-trail.graphql');
    const entries = auditTrail.edges.map((edge) => edge.node);
    // The subject of the token the README's second block took.
    const admin = claimsOf(await shellVariable('TOKEN')).sub;

    expect(auditTrail.pageInfo.hasNextPage).toBe(false);
    expect(entries.map((entry) => entry.sequence)).toEqual(entries.map((_, index) => index));
    expect(entries.slice(0, 6).map(({ actor, action, target, outcome }) => ({ actor, action, target, outcome }))).toEqual([
      { actor: admin, action: 'enterprise.createTenant', target: ids.tenant, outcome: 'success' },
      { actor: admin, action: 'optimization.createProblem', target: ids.problem, outcome: 'success' },
      { actor: admin, action: 'optimization.addConstraint', target: ids.constraints![0], outcome: 'success' },
      { actor: admin, action: 'optimization.addConstraint', target: ids.constraints![1], outcome: 'success' },
      { actor: admin, action: 'optimization.optimizeQubo', target: expect.any(String), outcome: 'success' },
      { actor: admin, action: 'optimization.submitSolveJob', target: ids.job, outcome: 'success' },
    ]);
    const runner = entries.slice(6);
    expect(runner.length).toBeGreaterThanOrEqual(2); // started … completed
    expect(new Set(runner.map(({ actor, action, target, outcome }) => JSON.stringify({ actor, action, target, outcome })))).toEqual(
      new Set([JSON.stringify({ actor: 'system:solve-job-runner', action: 'optimization.runSolveJob', target: ids.job, outcome: 'success' })]),
    );
    expect(entries.every((entry) => /^[0-9a-f]{64}$/.test(entry.hash))).toBe(true);
    trailLength = entries.length;
  });

  it('9. the chain verifies, every entry of it', async () => {
    const { verifyAuditChain } = await answerOf<{ verifyAuditChain: { checkedEntries: number } }>('09-verify-audit-chain.graphql');

    expect(verifyAuditChain).toEqual({ valid: true, checkedEntries: expect.any(Number), firstBrokenPosition: null, reason: null });
    // The job's last record (its resource usage) may be chained just after step 8 read the trail.
    expect(verifyAuditChain.checkedEntries).toBeGreaterThanOrEqual(trailLength);
  });

  it("10. the replay rebuilds the tenant's read models from its events: the tenant, its problem, both constraints and the job", async () => {
    const { replayAudit } = await answerOf<{ replayAudit: { eventCount: number; position: number; aggregates: { name: string; count: number }[] } }>('10-replay-audit.graphql');
    const counts = Object.fromEntries(replayAudit.aggregates.map(({ name, count }) => [name, count]));

    expect(replayAudit).toMatchObject({ tenantId: ids.tenant, asOf: expect.any(String), position: expect.any(Number) });
    expect(replayAudit.eventCount).toBeGreaterThan(0);
    // As of the second the step ran: the job may still be running as of then, but it was submitted seconds before.
    expect(counts).toMatchObject({ tenants: 1, problems: 1, constraints: 2, solve_jobs: 1 });
    expect(counts.audit_entries).toBeGreaterThanOrEqual(6);
  });

  it('then npm start stops on SIGTERM, every process of it, cleanly, its database closed', async () => {
    const { killed } = await platform!.stop('SIGTERM');
    const output = platform!.output();

    expect({ killed, failures: output.split('\n').filter((line) => /"level":(50|60)|failed/i.test(line)) }).toEqual({ killed: false, failures: [] });
    expect(existsSync(join(dataDir, 'goliath.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'goliath.db-wal'))).toBe(false);
  });
});
