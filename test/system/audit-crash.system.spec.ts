import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_ENTRY_RECORDED, verifyAuditChain } from '../../platform/audit';
import { CHANGE_AUDITED } from '../../platform/audit/change-audited';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import { streamCategory, type RecordedEvent } from '../../platform/eventstore/port';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import { projectRoot } from '../../platform/project-root';
import { childProcesses, isRunning } from '../support/child-processes';
import { eventually } from '../support/eventually';
import { postGraphQL } from '../support/gateway-client';

jest.setTimeout(180_000);

const CRASHES = 3;
const WRITERS = 16;
const QUBO = { variables: ['a', 'b'], linear: [{ variable: 'a', coefficient: -1 }], quadratic: [{ u: 'a', v: 'b', coefficient: 2 }] };

/**
 * `npm start` killed with SIGKILL under concurrent mutations, three times, then restarted: every
 * stored change has its audit record (they are one append), every acknowledged change is stored,
 * and once the chainer catches up every record is in its tenant's hash-chained trail exactly once.
 */
describe('audit under kill -9', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'goliath-audit-crash-'));
  });
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a change and its audit record together, and chains every record once', async () => {
    // given a platform with two tenants
    let gateway = await start();
    const admin = await issueDevelopmentToken({ role: 'PLATFORM_ADMIN', keysDir: join(dataDir, 'keys') });
    const tenants = await Promise.all(['Acme', 'Globex'].map(async (name) => (await postGraphQL<{ createTenant: { id: string } }>(gateway, `mutation { createTenant(input: { name: "${name}" }) { id } }`, { token: admin })).data!.createTenant.id));
    const analysts = await Promise.all(tenants.map((tenantId) => issueDevelopmentToken({ role: 'ANALYST', tenantId, keysDir: join(dataDir, 'keys') })));
    const acknowledged: string[] = [];

    // when writers create problems and constraints (and are refused on the other tenant) while the process is killed
    for (let crash = 0; crash < CRASHES; crash++) {
      const stop = { requested: false };
      const writers = Array.from({ length: WRITERS }, (_unused, writer) => write(gateway, tenants[writer % 2], analysts[writer % 2], analysts[(writer + 1) % 2], acknowledged, stop));
      await new Promise((resolve) => setTimeout(resolve, 1_500 + crash * 500));
      const children = childProcesses(child!.pid!);
      child!.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      // its subgraph and projection processes notice and stop by themselves
      await eventually(() => expect(children.filter(({ pid }) => isRunning(pid))).toEqual([]), 20_000);
      stop.requested = true;
      await Promise.all(writers);
      gateway = await start();
    }
    // then, once the chainer has caught up with the log as it is after the last restart
    await caughtUp(gateway);
    await stopGracefully();
    const store = createSqliteEventStore({ file: join(dataDir, 'goliath.db') });
    try {
      const log: RecordedEvent[] = [];
      for await (const event of store.readAll()) log.push(event);
      expect(acknowledged.length).toBeGreaterThan(50);
      const created = new Set(log.filter((event) => event.type === 'ProblemCreated').map((event) => (event.data as { problemId: string }).problemId));
      expect(acknowledged.filter((problemId) => !created.has(problemId))).toEqual([]);
      expect(changesWithoutTheirRecord(log)).toEqual([]);
      const records = log.filter((event) => event.type === CHANGE_AUDITED).map((event) => event.position);
      const chained = log.filter((event) => event.type === AUDIT_ENTRY_RECORDED && event.metadata.chainedFrom !== undefined).map((event) => event.metadata.chainedFrom);
      expect(chained.sort((a, b) => a! - b!)).toEqual(records);
      for (const tenantId of [...tenants, 'platform']) expect(await verifyAuditChain(store, tenantId)).toMatchObject({ valid: true });
    } finally {
      await store.close();
    }
  });

  /** Creates problems with a constraint each, and tries the other tenant, until told to stop or the gateway goes away. */
  async function write(gateway: string, tenantId: string, token: string, outsider: string, acknowledged: string[], stop: { requested: boolean }): Promise<void> {
    while (!stop.requested) {
      try {
        const response = await postGraphQL<{ createProblem: { id: string } }>(gateway, 'mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }', { token, variables: { input: { tenantId, name: 'crash', qubo: QUBO } } });
        const problemId = response.data?.createProblem.id;
        if (!problemId) continue;
        acknowledged.push(problemId);
        await postGraphQL(gateway, 'mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }', {
          token,
          variables: { input: { problemId, constraint: { kind: 'ONE_HOT', variables: ['a', 'b'], penaltyWeight: 2 } } },
        });
        await postGraphQL(gateway, 'mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }', { token: outsider, variables: { input: { tenantId, name: 'intrusion', qubo: QUBO } } });
      } catch {
        return; // the process was killed under this request: its outcome is unknown, so it is not counted
      }
    }
  }

  /** Changes (outside the audit trail) not followed, in their stream, by the audit record of their own append. */
  function changesWithoutTheirRecord(log: readonly RecordedEvent[]): string[] {
    const byStream = new Map<string, RecordedEvent[]>();
    for (const event of log) if (streamCategory(event.streamId) !== 'audit') byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    const missing: string[] = [];
    for (const events of byStream.values()) {
      let pending: RecordedEvent[] = [];
      for (const event of events) {
        if (event.type !== CHANGE_AUDITED) {
          pending.push(event);
          continue;
        }
        const ofAnotherAppend = pending.filter((change) => change.metadata.correlationId !== event.metadata.correlationId || change.metadata.occurredAt !== event.metadata.occurredAt);
        missing.push(...ofAnotherAppend.map((change) => `${change.streamId}@${change.revision} ${change.type}`));
        pending = [];
      }
      missing.push(...pending.map((change) => `${change.streamId}@${change.revision} ${change.type}`));
    }
    return missing;
  }

  async function caughtUp(gateway: string): Promise<void> {
    const health = gateway.replace(/\/graphql$/, '/health');
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const { projections } = (await (await fetch(health)).json()) as { projections: { projection: string; lag: number }[] };
      if (projections.every((projection) => projection.lag === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the projections and the audit chainer did not catch up within 60 s');
  }

  async function start(): Promise<string> {
    const port = await freePort();
    let output = '';
    child = spawn(process.execPath, [join(projectRoot(), 'dist', 'main.js')], { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line within 30 s:\n${output}`)), 30_000);
      child!.stdout!.on('data', () => {
        if (/Subscriptions: ws:\/\//.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child!.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
    });
    return /GraphQL: +(\S+)/.exec(output)![1];
  }

  async function stopGracefully(): Promise<void> {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    await exited;
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
