import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAuditChain } from '../../platform/audit';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';
import { streamCategory, type RecordedEvent } from '../../platform/eventstore/port';
import { createPostgresEventStore } from '../../platform/eventstore/postgres';
import { projectRoot } from '../../platform/project-root';
import { createPostgresReadStore } from '../../platform/readstore/postgres';
import { RUNNER_PROJECTION_NAMES } from '../../projections';
import { eventually } from '../support/eventually';
import { dataOf, postGraphQL } from '../support/gateway-client';
import { dropTestSchema, postgresTestUrl, uniqueSchema } from '../support/postgres-test-database';
import { freePort, processEnv, spawnProcess, waitForHttp, type SpawnedProcess } from '../support/spawned-process';

jest.setTimeout(300_000);

const REPLICAS = 2;
const WRITERS = 8;
const JOBS = 6;
const QUBO = '{ variables: ["a", "b"], linear: [{ variable: "a", coefficient: -1 }], quadratic: [{ u: "a", v: "b", coefficient: 2 }], sense: MINIMIZE }';

const d = postgresTestUrl ? describe : describe.skip;

/**
 * Scale-out on one PostgreSQL database, every process started as compose starts it (from dist/):
 * two gateways, two replicas of each subgraph (each gateway lists both), two projection runners.
 * Writers create problems through both gateways and solve jobs run while one replica of each kind
 * is killed with SIGKILL. Afterwards: every acknowledged problem is in the log, every job completed
 * exactly once, every projection has caught up with the log and every audit chain verifies.
 */
d('two replicas of every process on one PostgreSQL database', () => {
  const schema = uniqueSchema('replicas');
  let dataDir: string;
  const processes: SpawnedProcess[] = [];
  const dist = (...path: string[]) => join(projectRoot(), 'dist', ...path);

  afterAll(async () => {
    await Promise.all(processes.map((started) => started.stop('SIGTERM', 10_000)));
    await dropTestSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing acknowledged, runs each job once, catches every projection up and keeps every audit chain valid when one replica of each kind is killed', async () => {
    // given the layout: shared DATA_DIR (keys) and database
    dataDir = mkdtempSync(join(tmpdir(), 'goliath-replicas-'));
    const common = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', POSTGRES_URL: postgresTestUrl, POSTGRES_SCHEMA: schema, POSTGRES_POOL_SIZE: '2', SOLVE_JOB_LEASE_MS: '2000' };
    const start = (name: string, args: string[], env: NodeJS.ProcessEnv) => {
      const started = spawnProcess(name, process.execPath, args, processEnv({ ...common, ...env }), projectRoot());
      processes.push(started);
      return started;
    };
    const subgraphPorts = {} as Record<SubgraphName, number[]>;
    const replicas = {} as Record<SubgraphName, SpawnedProcess[]>;
    const startSubgraph = async (name: SubgraphName) => {
      subgraphPorts[name] = await Promise.all(Array.from({ length: REPLICAS }, () => freePort()));
      replicas[name] = subgraphPorts[name].map((port, index) => start(`${name}-${index}`, [dist('app', 'start-subgraph.js'), name], { SUBGRAPH_PORT: String(port) }));
      await Promise.all(replicas[name].map((replica, index) => waitForHttp(`http://127.0.0.1:${subgraphPorts[name][index]}/livez`, replica, 60_000)));
    };
    // enterprise first (it makes the signing keys), then the rest
    await startSubgraph('enterprise');
    await Promise.all(SUBGRAPH_NAMES.filter((name) => name !== 'enterprise').map(startSubgraph));
    const healthPorts = await Promise.all(Array.from({ length: REPLICAS }, () => freePort()));
    const projections = healthPorts.map((port, index) => start(`projections-${index}`, [dist('app', 'start-projections.js')], { HEALTH_PORT: String(port) }));
    await Promise.all(projections.map((runner, index) => waitForHttp(`http://127.0.0.1:${healthPorts[index]}/livez`, runner, 60_000)));
    const gatewayPorts = await Promise.all(Array.from({ length: REPLICAS }, () => freePort()));
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, subgraphPorts[name].map((port) => `http://127.0.0.1:${port}/graphql`).join(',')]));
    const gateways = gatewayPorts.map((port, index) => start(`gateway-${index}`, [dist('app', 'start-gateway.js')], { PORT: String(port), ...subgraphUrls }));
    await Promise.all(gateways.map((gateway, index) => waitForHttp(`http://127.0.0.1:${gatewayPorts[index]}/health`, gateway, 60_000)));
    const gatewayUrls = gatewayPorts.map((port) => `http://127.0.0.1:${port}/graphql`);

    const token = await issueDevelopmentToken({ role: 'PLATFORM_ADMIN', keysDir: join(dataDir, 'keys') });
    const created = await postGraphQL<{ createTenant: { id: string } }>(gatewayUrls[1], 'mutation { createTenant(input: { name: "Acme" }) { id } }', { token });
    const tenantId = created.data!.createTenant.id;

    // when writers create problems through both gateways and jobs are submitted…
    const acknowledged: string[] = [];
    let acknowledgedBeforeKill = 0;
    const jobs: string[] = [];
    let writing = true;
    const writer = async (index: number) => {
      for (let round = 0; writing; round++) {
        // a writer whose gateway is gone goes on through the other one, as a load balancer would send it
        const url = gateways[index % REPLICAS].child.exitCode === null && gateways[index % REPLICAS].child.signalCode === null ? gatewayUrls[index % REPLICAS] : gatewayUrls[(index + 1) % REPLICAS];
        const answer = await postGraphQL<{ createProblem: { id: string } }>(url, `mutation { createProblem(input: { tenantId: "${tenantId}", name: "w${index}-${round}", qubo: ${QUBO} }) { id } }`, {
          token,
        }).catch(() => undefined);
        if (answer?.data?.createProblem) acknowledged.push(answer.data.createProblem.id);
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, index) => writer(index));
    try {
      for (let i = 0; i < JOBS; i++) {
        const answer = await postGraphQL<{ submitSolveJob: { id: string } }>(
          gatewayUrls[i % REPLICAS],
          `mutation { submitSolveJob(input: { tenantId: "${tenantId}", qubo: ${QUBO}, timeLimitMs: 1500 }) { id } }`,
          { token },
        );
        jobs.push(dataOf(answer).submitSolveJob.id);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // …and one replica of each kind is killed mid-load: a gateway, the active projection runner and one replica of every subgraph
      const active = await Promise.all(healthPorts.map(async (port) => !JSON.stringify(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).includes('standby')));
      const killed = [gateways[0], projections[active.indexOf(true) === -1 ? 0 : active.indexOf(true)], ...SUBGRAPH_NAMES.map((name) => replicas[name][0])];
      for (const victim of killed) victim.child.kill('SIGKILL');
      acknowledgedBeforeKill = acknowledged.length;
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    } finally {
      writing = false;
      await Promise.all(writers);
    }

    // then, once the survivors have caught up
    const eventStore = createPostgresEventStore({ connectionString: postgresTestUrl!, schema });
    const readStore = createPostgresReadStore({ connectionString: postgresTestUrl!, schema });
    try {
      const log: RecordedEvent[] = [];
      await eventually(
        async () => {
          log.length = 0;
          for await (const event of eventStore.readAll()) log.push(event);
          const completed = log.filter((event) => event.type === 'SolveJobCompleted').map((event) => (event.data as { jobId: string }).jobId);
          expect(completed.sort()).toEqual([...jobs].sort());
        },
        60_000,
        500,
      );
      const head = await eventStore.headPosition();
      await eventually(
        async () => {
          const behind = [];
          for (const name of RUNNER_PROJECTION_NAMES) if (((await readStore.getCheckpoint(name))?.position ?? 0) < head) behind.push(name);
          expect(behind).toEqual([]);
        },
        60_000,
        500,
      );

      const stored = new Set(log.filter((event) => event.type === 'ProblemCreated').map((event) => (event.data as { problemId: string }).problemId));
      expect(acknowledged.length).toBeGreaterThan(20);
      // the survivors kept serving writes through the surviving gateway and subgraph replicas
      expect(acknowledged.length - acknowledgedBeforeKill).toBeGreaterThan(10);
      expect(acknowledged.filter((problemId) => !stored.has(problemId))).toEqual([]);
      const completions = log.filter((event) => event.type === 'SolveJobCompleted').map((event) => (event.data as { jobId: string }).jobId);
      expect(completions.length).toBe(new Set(completions).size);
      const tenants = [...new Set(log.map((event) => event.streamId).filter((streamId) => streamCategory(streamId) === 'audit'))].map((streamId) => streamId.slice('audit-'.length));
      for (const tenant of tenants) expect({ tenant, ...(await verifyAuditChain(eventStore, tenant)) }).toMatchObject({ tenant, valid: true });
    } finally {
      await readStore.close();
      await eventStore.close();
    }
  });
});
