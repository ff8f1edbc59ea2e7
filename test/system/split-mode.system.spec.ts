import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';
import { projectRoot } from '../../platform/project-root';
import { CHECKPOINTS_TABLE } from '../../platform/readstore/sqlite/sql-names';
import { AUDIT_CHAIN_PROJECTION, READ_MODEL_NAMES } from '../../projections';
import { postGraphQL, type GraphQLResponse } from '../support/gateway-client';
import { freePort, processEnv, spawnProcess, waitForHttp, type SpawnedProcess } from '../support/spawned-process';

jest.setTimeout(300_000);

const WRITERS_ON_BUSY_TENANT = 16;
const WRITERS_ON_OTHER_TENANT = 4;
const ROUNDS = 10;
const QUBO = { variables: ['a', 'b', 'c'], linear: [{ variable: 'a', coefficient: -1 }], quadratic: [{ u: 'a', v: 'b', coefficient: 2 }] };

/**
 * Split mode as docker-compose runs it — one process per subgraph, the projections process and
 * the gateway, each started with compose's command from dist/ — on one SQLite file in one
 * DATA_DIR (EventStoreDB and MongoDB cannot run here). Under many concurrent writers on one tenant
 * every mutation is confirmed (no READ_MODEL_LAGGING, no SQLITE_BUSY) and no projection fails.
 */
describe('split mode (one process per subgraph, projections, gateway) on one SQLite file', () => {
  let dataDir: string;
  const processes: SpawnedProcess[] = [];
  let gatewayUrl: string;
  let healthPort: number;

  const dist = (...path: string[]) => join(projectRoot(), 'dist', ...path);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'goliath-split-'));
    const ports = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await freePort()] as const))) as Record<SubgraphName, number>;
    const gatewayPort = await freePort();
    healthPort = await freePort();
    const common = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
    const start = (name: string, args: string[], env: NodeJS.ProcessEnv) => {
      const started = spawnProcess(name, process.execPath, args, processEnv({ ...common, ...env }), projectRoot());
      processes.push(started);
      return started;
    };

    // In compose's order: enterprise (it makes the signing key) and the projections at once on a
    // new file, then the other subgraphs once enterprise is healthy, and the gateway once the
    // subgraphs are healthy and the projections ready.
    const subgraph = (name: SubgraphName) => start(name, [dist('app', 'start-subgraph.js'), name], { SUBGRAPH_PORT: String(ports[name]) });
    const enterprise = subgraph('enterprise');
    const projections = start('projections', [dist('app', 'start-projections.js')], { HEALTH_PORT: String(healthPort) });
    await waitForHttp(`http://127.0.0.1:${ports.enterprise}/health`, enterprise, 60_000);
    const others = SUBGRAPH_NAMES.filter((name) => name !== 'enterprise').map((name) => [name, subgraph(name)] as const);
    await Promise.all(others.map(([name, started]) => waitForHttp(`http://127.0.0.1:${ports[name]}/health`, started, 60_000)));
    await waitForHttp(`http://127.0.0.1:${healthPort}/readyz`, projections, 60_000);
    const gateway = start('gateway', [dist('app', 'start-gateway.js')], {
      PORT: String(gatewayPort),
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`])),
    });
    await waitForHttp(`http://127.0.0.1:${gatewayPort}/health`, gateway, 60_000);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  });

  afterAll(async () => {
    await Promise.all(processes.map((started) => started.stop('SIGKILL')));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`confirms every mutation of ${WRITERS_ON_BUSY_TENANT} concurrent writers on one tenant (and ${WRITERS_ON_OTHER_TENANT} on another), and no projection fails`, async () => {
    // given two tenants, an admin and analysts for each
    const keysDir = join(dataDir, 'keys');
    const platformAdmin = await issueDevelopmentToken({ role: 'PLATFORM_ADMIN', keysDir });
    const [busy, other] = await Promise.all(['Busy', 'Quiet'].map(async (name) => confirmed(await postGraphQL<{ createTenant: { id: string } }>(gatewayUrl, `mutation { createTenant(input: { name: "${name}" }) { id } }`, { token: platformAdmin })).createTenant.id));
    const writers = [
      ...Array.from({ length: WRITERS_ON_BUSY_TENANT }, (_unused, index) => ({ tenantId: busy, otherTenantId: other, renames: index === 0 })),
      ...Array.from({ length: WRITERS_ON_OTHER_TENANT }, (_unused, index) => ({ tenantId: other, otherTenantId: busy, renames: index === 0 })),
    ];
    const outcomes: Outcome[] = [];

    // when every writer, at once, creates problems, adds and updates constraints, reads them back,
    // tries the other tenant (refused, and audited in its own tenant's trail), and one per tenant renames it
    const started = Date.now();
    await Promise.all(
      writers.map(async ({ tenantId, otherTenantId, renames }, writer) => {
        const analyst = await issueDevelopmentToken({ role: 'ANALYST', tenantId, keysDir });
        const tenantAdmin = await issueDevelopmentToken({ role: 'TENANT_ADMIN', tenantId, keysDir });
        for (let round = 0; round < ROUNDS; round++) await writeOneRound({ tenantId, otherTenantId, analyst, tenantAdmin, renames, label: `w${writer}r${round}` }, outcomes);
      }),
    );
    const elapsedMs = Date.now() - started;

    // then every mutation was confirmed and read back at once
    const failures = outcomes.filter((outcome) => outcome.errors.length > 0);
    const mutations = outcomes.filter((outcome) => outcome.mutation);
    const confirmedMutations = mutations.filter((outcome) => outcome.errors.length === 0).length;
    const refusals = outcomes.filter((outcome) => outcome.operation === 'createProblem on the other tenant').length;
    process.stdout.write(
      `split mode: ${confirmedMutations} of ${mutations.length} mutations confirmed (and ${refusals} refusals) from ${writers.length} writers (${WRITERS_ON_BUSY_TENANT} on one tenant) in ${(elapsedMs / 1000).toFixed(1)} s\n`,
    );
    // (the processes' logs first: they name the cause when a mutation failed)
    for (const spawned of processes) {
      expect({ process: spawned.name, exitCode: spawned.child.exitCode, errors: errorLines(spawned.output()) }).toEqual({ process: spawned.name, exitCode: null, errors: [] });
    }
    expect(failures).toEqual([]);
    expect(mutations).toHaveLength(writers.length * ROUNDS * 3 + 2 * ROUNDS);

    // and every projection and the audit chainer reach the head of the log, none having failed
    await expect(projectionsCaughtUp()).resolves.toEqual([]);
    const verified = await postGraphQL<{ verifyAuditChain: { valid: boolean; checkedEntries: number } }>(gatewayUrl, `query { verifyAuditChain(tenantId: "${busy}") { valid checkedEntries } }`, { token: platformAdmin });
    expect(confirmed(verified).verifyAuditChain.valid).toBe(true);
    // (three changes and one refusal per round of each of its writers, and the renames)
    expect(confirmed(verified).verifyAuditChain.checkedEntries).toBeGreaterThanOrEqual(WRITERS_ON_BUSY_TENANT * ROUNDS * 4 + ROUNDS);
  });

  interface Outcome {
    readonly operation: string;
    readonly mutation: boolean;
    /** What went wrong: errors of an answer that should have none, or a refusal other than the one expected. */
    readonly errors: readonly unknown[];
  }

  interface Writer {
    readonly tenantId: string;
    readonly otherTenantId: string;
    readonly analyst: string;
    readonly tenantAdmin: string;
    readonly renames: boolean;
    readonly label: string;
  }

  async function writeOneRound({ tenantId, otherTenantId, analyst, tenantAdmin, renames, label }: Writer, outcomes: Outcome[]): Promise<void> {
    const record = <T>(operation: string, mutation: boolean, response: GraphQLResponse<T>): T | undefined => {
      outcomes.push({ operation, mutation, errors: response.errors ?? (response.data ? [] : ['no data']) });
      return response.errors ? undefined : (response.data ?? undefined);
    };
    const refused = await postGraphQL(gatewayUrl, 'mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }', { token: analyst, variables: { input: { tenantId: otherTenantId, name: label, qubo: QUBO } } });
    const codes = (refused.errors ?? []).map((error) => error.extensions?.code);
    outcomes.push({ operation: 'createProblem on the other tenant', mutation: false, errors: codes.length === 1 && codes[0] === 'FORBIDDEN' ? [] : [refused] });
    const created = record('createProblem', true, await postGraphQL<{ createProblem: { id: string } }>(gatewayUrl, 'mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }', { token: analyst, variables: { input: { tenantId, name: label, qubo: QUBO } } }));
    if (!created) return;
    const problemId = created.createProblem.id;
    const added = record(
      'addConstraint',
      true,
      await postGraphQL<{ addConstraint: { id: string } }>(gatewayUrl, 'mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }', {
        token: analyst,
        variables: { input: { problemId, constraint: { kind: 'ONE_HOT', variables: ['a', 'b', 'c'], penaltyWeight: 2 } } },
      }),
    );
    if (!added) return;
    record(
      'updateConstraint',
      true,
      await postGraphQL(gatewayUrl, 'mutation ($id: ID!) { updateConstraint(constraintId: $id, newParameters: { penaltyWeight: 3 }, evolutionReason: "split-mode test") { id penaltyWeight } }', {
        token: analyst,
        variables: { id: added.addConstraint.id },
      }),
    );
    const readBack = record('problem', false, await postGraphQL<{ problem: { id: string; name: string } | null }>(gatewayUrl, 'query ($id: ID!) { problem(id: $id) { id name } }', { token: analyst, variables: { id: problemId } }));
    if (readBack && readBack.problem?.name !== label) outcomes.push({ operation: 'problem read back', mutation: false, errors: [`expected ${label}, got ${JSON.stringify(readBack.problem)}`] });
    if (renames) {
      record('renameTenant', true, await postGraphQL(gatewayUrl, 'mutation ($id: ID!, $name: String!) { renameTenant(id: $id, name: $name) { id name } }', { token: tenantAdmin, variables: { id: tenantId, name: `Tenant ${label}` } }));
    }
  }

  /** The projections (and the audit chainer) whose checkpoint is still short of the log's head after 30 s. */
  async function projectionsCaughtUp(): Promise<{ projection: string; checkpoint: number; head: number }[]> {
    const db = new Database(join(dataDir, 'goliath.db'), { readonly: true });
    try {
      let lagging: { projection: string; checkpoint: number; head: number }[] = [];
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        const head = (db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM es_events').get() as { head: number }).head;
        const checkpoints = new Map((db.prepare(`SELECT projection, position FROM ${CHECKPOINTS_TABLE}`).all() as { projection: string; position: number }[]).map((row) => [row.projection, row.position]));
        lagging = [...READ_MODEL_NAMES, AUDIT_CHAIN_PROJECTION].map((projection) => ({ projection, checkpoint: checkpoints.get(projection) ?? 0, head })).filter((row) => row.checkpoint < row.head);
        if (lagging.length === 0) return [];
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return lagging;
    } finally {
      db.close();
    }
  }
});

/** pino lines at level error or fatal, and anything that names SQLITE_BUSY or a failed projection. */
function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /"level":(50|60)|SQLITE_BUSY|database is locked|projection \S+ failed/i.test(line));
}

function confirmed<T>(response: GraphQLResponse<T>): T {
  if (response.errors || !response.data) throw new Error(`not confirmed: ${JSON.stringify(response)}`);
  return response.data;
}
