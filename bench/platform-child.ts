import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startEmbeddedPlatform } from '../app/embedded';
import { issueDevelopmentToken } from '../platform/auth/dev-token';
import type { SubgraphName } from '../platform/config';

/**
 * A benchmark runs the platform in a child process (its own event loop and CPU account) and
 * generates load from the parent. The child answers a `cpu` line on stdin with its CPU time so
 * far, and stops when stdin closes (also when the parent dies). Not on SIGTERM: Apollo Server stops
 * itself on that signal too, and a second stop() called while its own is running waits on a
 * barrier it never resolves (@apollo/server 5).
 */
const PLATFORM_ROLE = '--platform';
const CPU_REQUEST = 'cpu';

/** What the platform child prints, as one JSON line, once it is ready. */
export interface PlatformHandle {
  readonly gatewayUrl: string;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  readonly keysDir: string;
  /** The platform's data folder (its SQLite file among others), for a benchmark that seeds data through a second connection. */
  readonly dataDir: string;
  readonly adminToken: string;
  readonly pid: number;
}

export interface PlatformChild {
  readonly handle: PlatformHandle;
  /** CPU time (user + system) the platform process has used so far, in ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** Runs `main` in the parent, or serves the platform when this process is the child. */
export function runBenchmark(main: () => Promise<void>, platformEnv: NodeJS.ProcessEnv = {}): void {
  const role = process.argv[2] === PLATFORM_ROLE ? () => servePlatform(platformEnv) : main;
  role().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

async function servePlatform(env: NodeJS.ProcessEnv): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'goliath-bench-'));
  const platform = await startEmbeddedPlatform({ port: 0, dataDir, logLevel: 'silent', env });
  const adminToken = await issueDevelopmentToken({ role: 'PLATFORM_ADMIN', keysDir: platform.keysDir });
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line === CPU_REQUEST) process.stdout.write(`${JSON.stringify(process.cpuUsage())}\n`);
  });
  input.once('close', () => {
    platform
      .stop()
      .finally(() => rmSync(dataDir, { recursive: true, force: true }))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  });
  const handle: PlatformHandle = { gatewayUrl: platform.gatewayUrl, subgraphUrls: platform.subgraphUrls, keysDir: platform.keysDir, dataDir, adminToken, pid: process.pid };
  process.stdout.write(`${JSON.stringify(handle)}\n`);
}

/** Starts this benchmark's own bundle (`scriptFile`) as the platform child. BENCH_CPU_PROF=dir profiles it. */
export async function startPlatformChild(scriptFile: string): Promise<PlatformChild> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, scriptFile, PLATFORM_ROLE], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'silent' },
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end();
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
  };
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise<string>((resolveLine) => waiting.push(resolveLine));

  const ready = await Promise.race([
    nextLine(),
    exited.then(() => {
      throw new Error(`The platform child exited before it was ready (code ${child.exitCode}, signal ${child.signalCode})`);
    }),
  ]);
  try {
    const handle = JSON.parse(ready) as PlatformHandle;
    return {
      handle,
      cpuMs: async () => {
        const line = nextLine();
        child.stdin.write(`${CPU_REQUEST}\n`);
        const usage = JSON.parse(await line) as NodeJS.CpuUsage;
        return (usage.user + usage.system) / 1000;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`The platform child printed ${JSON.stringify(ready)}: ${String(error)}`);
  }
}

/** What an autocannon run's per-response latencies (ms) over `durationSeconds` come to: answers, their rate, p50, p99 and the slowest. */
export function latencyFigures(latencies: readonly number[], durationSeconds: number) {
  const sorted = Float64Array.from(latencies).sort();
  return {
    completed: latencies.length,
    requestsPerSecond: latencies.length / durationSeconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
  };
}

/** The p-th percentile of ascending `sorted` values (nearest rank); NaN for none. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round2 = (value: number) => Math.round(value * 100) / 100;
