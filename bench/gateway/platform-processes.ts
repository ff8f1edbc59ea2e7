import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SubgraphName } from '../../platform/config';
import { projectRoot } from '../../platform/project-root';

/** Clock ticks per second of /proc's CPU counters (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th of the line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export interface StartedGoliath {
  readonly gatewayUrl: string;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  readonly adminToken: string;
  readonly keysDir: string;
  /** Each part's pid: `gateway` (npm start's own process), each subgraph, `projections`. */
  readonly pids: Readonly<Record<string, number>>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function stopper(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
  };
}

function waitForOutput(child: ChildProcess, name: string, ready: (output: string) => boolean, timeoutMs = 60_000): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} was not ready within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${output}`));
    });
  });
}

/** `npm start` exactly as users run it (the built dist/main.js), on a free port and a fresh data folder. */
export async function startGoliath(): Promise<StartedGoliath> {
  const dataDir = mkdtempSync(join(tmpdir(), 'goliath-bench-gateway-'));
  const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'main.js')], {
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'silent', DATA_DIR: dataDir, PORT: String(await freePort()) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = stopper(child);
  try {
    const output = await waitForOutput(child, 'npm start', (text) => /Token: +\S+/.test(text));
    const line = (label: string) => new RegExp(`${label}: +(.+)`).exec(output)![1].trim();
    const subgraphUrls = Object.fromEntries(line('Subgraphs').split(', ').map((entry) => entry.split(' '))) as Record<SubgraphName, string>;
    const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    const pids: Record<string, number> = { gateway: child.pid! };
    for (const pid of children) {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      pids[command.includes(join(projectRoot(), 'dist', 'app', 'start-projections.js')) ? 'projections' : command.at(-2)!] = pid;
    }
    return {
      gatewayUrl: line('GraphQL'),
      subgraphUrls,
      adminToken: line('Token'),
      keysDir: line('Keys'),
      pids,
      stop: async () => {
        await stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface StartedHive {
  readonly gatewayUrl: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Hive Gateway's CLI over the same subgraph processes: Goliath's checked-in supergraph with each
 * subgraph's URL set to where `npm start`'s process for it answers, and the configuration in
 * bench/gateway/hive-gateway.config.mjs.
 */
export async function startHiveGateway(goliath: StartedGoliath): Promise<StartedHive> {
  const folder = mkdtempSync(join(tmpdir(), 'goliath-bench-hive-'));
  let supergraph = readFileSync(join(projectRoot(), 'schema', 'supergraph.graphql'), 'utf8');
  for (const [name, url] of Object.entries(goliath.subgraphUrls)) {
    supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+`), `$1${url}`);
  }
  const supergraphFile = join(folder, 'supergraph.graphql');
  writeFileSync(supergraphFile, supergraph);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(projectRoot(), 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js'), 'supergraph', supergraphFile, '--config-path', join(projectRoot(), 'bench', 'gateway', 'hive-gateway.config.mjs'), '--host', '127.0.0.1', '--port', String(port)],
    {
      cwd: folder,
      // Hive reads LOG_LEVEL too, and knows no `silent`.
      env: { ...process.env, LOG_LEVEL: 'error', NODE_ENV: 'production', GOLIATH_KEYS_DIR: goliath.keysDir, GOLIATH_DIST_DIR: join(projectRoot(), 'dist') },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const stop = stopper(child);
  const gatewayUrl = `http://127.0.0.1:${port}/graphql`;
  try {
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Hive Gateway exited with ${child.exitCode}`);
      const answer = await fetch(`http://127.0.0.1:${port}/readiness`).catch(() => undefined);
      if (answer?.ok) break;
      if (Date.now() - started > 60_000) throw new Error('Hive Gateway was not ready within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return {
      gatewayUrl,
      pid: child.pid!,
      stop: async () => {
        await stop();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
