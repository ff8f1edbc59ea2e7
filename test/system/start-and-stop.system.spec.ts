import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import { projectRoot } from '../../platform/project-root';
import { childProcesses as processesStartedBy, isRunning } from '../support/child-processes';
import { eventually } from '../support/eventually';
import { collect, postGraphQL, subscriptionClient } from '../support/gateway-client';

jest.setTimeout(60_000);

/** `npm start` as users run it (the built `dist/main.js`), on a free port and a fresh data folder. */
describe('npm start', () => {
  let dataDir: string;
  let child: ChildProcess;
  let output = '';

  const freePort = () =>
    new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });

  const exited = () => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const childProcesses = () => processesStartedBy(child.pid!);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'goliath-start-'));
    const port = await freePort();
    child = spawn(process.execPath, [join(projectRoot(), 'dist', 'main.js')], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line within 20 s:\n${output}`)), 20_000);
      child.stdout!.on('data', () => {
        if (/Subscriptions: ws:\/\//.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
    });
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the gateway, Playground and subscription URLs when ready', () => {
    expect(output).toMatch(/GraphQL: +http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(output).toMatch(/Playground: +http:\/\/127\.0\.0\.1:\d+\/playground/);
    expect(output).toMatch(/Subscriptions: +ws:\/\/127\.0\.0\.1:\d+\/graphql/);
  });

  it('in development, prints where its keys are and a platform-admin token that works', async () => {
    expect(output).toContain(`Keys:          ${join(dataDir, 'keys')}`);
    const token = /Token: +(\S+)/.exec(output)![1];
    const gatewayUrl = /GraphQL: +(\S+)/.exec(output)![1];
    const answer = await postGraphQL<{ tenants: unknown }>(gatewayUrl, '{ tenants { __typename } }', { token });
    expect(answer.errors).toBeUndefined();
  });

  it('runs each subgraph and the projection runner in a process of its own, off the event loop of the gateway', () => {
    const commands = childProcesses().map(({ command }) => command.replace(/^\S*node /, 'node ').replace(join(projectRoot(), 'dist'), 'dist'));
    expect(commands.sort()).toEqual(['node dist/app/start-projections.js', ...['community', 'enterprise', 'optimization', 'scaling'].map((name) => `node dist/app/start-subgraph.js ${name}`)].sort());
    expect(output).toMatch(/Subgraphs: +optimization http:\/\/127\.0\.0\.1:\d+\/graphql, scaling .+, enterprise .+, community .+/);
  });

  it('restarts a subgraph process that dies, on the same port, and serves through it again', async () => {
    // given a working platform
    const gatewayUrl = /GraphQL: +(\S+)/.exec(output)![1];
    const token = await issueDevelopmentToken({ role: 'PLATFORM_ADMIN', keysDir: join(dataDir, 'keys') });
    const enterprise = childProcesses().find(({ command }) => command.endsWith('start-subgraph.js enterprise'))!;

    // when the enterprise subgraph's process is killed
    process.kill(enterprise.pid, 'SIGKILL');

    // then another one takes its place and tenants can be created again through the gateway
    await eventually(async () => {
      const created = await postGraphQL<{ createTenant: { id: string } }>(gatewayUrl, 'mutation { createTenant(input: { name: "Hooli" }) { id } }', { token });
      expect(created.errors).toBeUndefined();
    }, 20_000);
    const restarted = childProcesses().find(({ command }) => command.endsWith('start-subgraph.js enterprise'))!;
    expect(restarted.pid).not.toBe(enterprise.pid);
    expect(output).toMatch(/child process died; restarting it/);
  });

  it('on SIGTERM closes open subscriptions, exits 0 and leaves the database closed cleanly', async () => {
    // given a tenant and an open subscription to it
    const gatewayUrl = /GraphQL: +(\S+)/.exec(output)![1];
    const subscriptionUrl = /Subscriptions: +(\S+)/.exec(output)![1];
    const token = await issueDevelopmentToken({ role: 'PLATFORM_ADMIN', keysDir: join(dataDir, 'keys') });
    const created = await postGraphQL<{ createTenant: { id: string } }>(gatewayUrl, 'mutation { createTenant(input: { name: "Initech" }) { id } }', { token });
    const client = subscriptionClient(subscriptionUrl, token);
    const received = collect(client, `subscription { tenantEvents(tenantId: "${created.data!.createTenant.id}") { type } }`, 1, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    // when the process is asked to stop
    const children = childProcesses();
    const exit = exited();
    child.kill('SIGTERM');

    // then the subscription ends, the process exits 0 and SQLite has folded its WAL back (clean close)
    const [closed] = await received;
    expect(closed.errors?.[0].extensions).toEqual({ code: 'SOCKET_CLOSED', closeCode: 1001 });
    await expect(exit).resolves.toBe(0);
    expect(children.filter(({ pid }) => isRunning(pid))).toEqual([]);
    expect(output).not.toMatch(/failed/i);
    expect(existsSync(join(dataDir, 'goliath.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'goliath.db-wal'))).toBe(false);
    await client.dispose();
  });
});
