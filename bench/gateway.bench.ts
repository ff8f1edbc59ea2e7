/**
 * `npm run bench:gateway`: the embedded platform (four subgraphs, projections and the gateway in
 * one Node process) runs in a child process; this process drives it with autocannon over
 * loopback, so the load generator does not share the platform's event loop. Scenarios: the
 * one-subgraph tenant query sent directly to the enterprise subgraph and through the gateway, and
 * the four-subgraph tenant query through the gateway, at 50 connections. Every response must be
 * a 200 whose body is byte-identical to one checked beforehand (data as expected, no `errors`).
 * Prints a table and writes bench/results/gateway.json.
 *
 * BENCH_CPU_PROF=<dir> runs the platform child with --cpu-prof into that folder.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import { startEmbeddedPlatform } from '../app/embedded';
import { issueDevelopmentToken } from '../platform/auth/dev-token';
import type { SubgraphName } from '../platform/config';
import { projectRoot } from '../platform/project-root';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 3;
const DURATION_SECONDS = 10;
const CHECKS_BEFORE_RUN = 20;
const PLATFORM_ROLE = '--platform';

/** What the platform child prints, as one JSON line, once it is ready. */
interface PlatformHandle {
  readonly gatewayUrl: string;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  readonly token: string;
  readonly pid: number;
}

interface Scenario {
  readonly name: string;
  readonly url: string;
  readonly query: string;
  readonly expected: unknown;
}

interface ScenarioResult {
  readonly scenario: string;
  readonly 'requests/s': number;
  readonly 'p50 (ms)': number;
  readonly 'p99 (ms)': number;
  readonly requests: number;
  readonly errors: number;
}

// ---------------------------------------------------------------------------------------------
// Child: the platform.

async function runPlatform(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'goliath-bench-gateway-'));
  const platform = await startEmbeddedPlatform({ port: 0, dataDir, logLevel: 'silent' });
  const token = await issueDevelopmentToken({ role: 'platform-admin', keysDir: platform.keysDir });
  // The parent asks us to stop by closing our stdin (and stdin also ends if the parent dies).
  // Not by SIGTERM: Apollo Server stops itself on that signal too, and a second stop() called
  // while its own is running waits on a barrier it never resolves (@apollo/server 5).
  process.stdin.once('end', () => {
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
  process.stdin.resume();
  const handle: PlatformHandle = { gatewayUrl: platform.gatewayUrl, subgraphUrls: platform.subgraphUrls, token, pid: process.pid };
  process.stdout.write(`${JSON.stringify(handle)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Parent: the load generator.

function startPlatformChild(): Promise<{ child: ChildProcess; handle: PlatformHandle; stop: () => Promise<void> }> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, __filename, PLATFORM_ROLE], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'silent' },
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin!.end();
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    }
  };
  return new Promise((resolveStart, rejectStart) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolveStart({ child, handle: JSON.parse(line) as PlatformHandle, stop });
      } catch (error) {
        void stop();
        rejectStart(new Error(`The platform child printed ${JSON.stringify(line)}: ${String(error)}`));
      }
    });
    child.once('exit', (code, signal) => rejectStart(new Error(`The platform child exited before it was ready (code ${code}, signal ${signal})`)));
  });
}

async function post(url: string, token: string, query: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * Sends the scenario's request a few times and checks each answer in full: status 200, no
 * `errors`, `data` as expected, and the same bytes every time. Returns those bytes, which every
 * response of the timed run must then match.
 */
async function verifiedBody(scenario: Scenario, token: string): Promise<string> {
  let body: string | undefined;
  for (let i = 0; i < CHECKS_BEFORE_RUN; i++) {
    const { status, text } = await post(scenario.url, token, scenario.query);
    const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
    if (status !== 200 || parsed.errors !== undefined || !isDeepStrictEqual(parsed.data, scenario.expected)) {
      throw new Error(`${scenario.name}: unexpected answer (HTTP ${status}): ${text}`);
    }
    if (body !== undefined && body !== text) throw new Error(`${scenario.name}: the answer changed between requests:\n${body}\n${text}`);
    body = text;
  }
  return body!;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * One autocannon run at CONNECTIONS connections. Latencies are taken from each client's
 * `response` event (sub-millisecond resolution; autocannon's own histogram keeps whole
 * milliseconds, too coarse for a 3 ms budget).
 */
async function load(scenario: Scenario, token: string, expectedBody: string, seconds: number) {
  const latencies: number[] = [];
  let errorsInBody = 0;
  const result = await autocannon({
    url: scenario.url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: scenario.query }),
    setupClient: (client) => {
      client.on('response', (statusCode: number, _bytes: number, responseTime: number) => {
        if (statusCode === 200) latencies.push(responseTime);
      });
    },
    verifyBody: (body) => {
      if (body === expectedBody) return true;
      if (body.includes('"errors"')) errorsInBody++;
      return false;
    },
  });
  const sorted = Float64Array.from(latencies).sort();
  return {
    result,
    completed: latencies.length,
    requestsPerSecond: latencies.length / result.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    // non-2xx answers, bodies other than the verified one (GraphQL errors among them), socket errors and timeouts
    errors: result.non2xx + result.mismatches + result.errors,
    errorsInBody,
  };
}

async function main(): Promise<void> {
  const platform = await startPlatformChild();
  try {
    const { gatewayUrl, subgraphUrls, token } = platform.handle;
    const created = JSON.parse((await post(gatewayUrl, token, 'mutation { createTenant(input: { name: "Bench" }) { id name createdAt } }')).text) as {
      data?: { createTenant: { id: string; name: string; createdAt: string } };
      errors?: unknown;
    };
    if (!created.data || created.errors) throw new Error(`createTenant failed: ${JSON.stringify(created)}`);
    const tenant = created.data.createTenant;
    const profile = { tenantId: tenant.id, createdAt: tenant.createdAt };

    const oneSubgraphQuery = `query { tenant(id: "${tenant.id}") { id name createdAt } }`;
    const fourSubgraphQuery = `query { tenant(id: "${tenant.id}") { id name createdAt optimizationProfile { tenantId createdAt } scalingProfile { tenantId createdAt } communityProfile { tenantId createdAt } } }`;
    const scenarios: Scenario[] = [
      { name: 'one-subgraph query, direct to enterprise', url: subgraphUrls.enterprise, query: oneSubgraphQuery, expected: { tenant } },
      { name: 'one-subgraph query, through the gateway', url: gatewayUrl, query: oneSubgraphQuery, expected: { tenant } },
      {
        name: 'four-subgraph query, through the gateway',
        url: gatewayUrl,
        query: fourSubgraphQuery,
        expected: { tenant: { ...tenant, optimizationProfile: profile, scalingProfile: profile, communityProfile: profile } },
      },
    ];

    const rows: ScenarioResult[] = [];
    const details: Record<string, unknown>[] = [];
    for (const scenario of scenarios) {
      const expectedBody = await verifiedBody(scenario, token);
      const warmup = await load(scenario, token, expectedBody, WARMUP_SECONDS);
      const run = await load(scenario, token, expectedBody, DURATION_SECONDS);
      const round2 = (value: number) => Math.round(value * 100) / 100;
      rows.push({
        scenario: scenario.name,
        'requests/s': Math.round(run.requestsPerSecond),
        'p50 (ms)': round2(run.p50),
        'p99 (ms)': round2(run.p99),
        requests: run.completed,
        errors: run.errors,
      });
      details.push({
        scenario: scenario.name,
        url: scenario.url,
        query: scenario.query,
        requestsPerSecond: round2(run.requestsPerSecond),
        latencyMs: { p50: round2(run.p50), p99: round2(run.p99), max: round2(run.max) },
        completed200: run.completed,
        errors: { total: run.errors, non2xx: run.result.non2xx, unexpectedBodies: run.result.mismatches, graphqlErrors: run.errorsInBody, socketErrors: run.result.errors, timeouts: run.result.timeouts },
        warmup: { seconds: WARMUP_SECONDS, requests: warmup.completed, errors: warmup.errors },
      });
    }
    console.table(rows);

    const [direct, viaGateway, fourSubgraphs] = rows;
    const overhead = Math.round((viaGateway['p50 (ms)'] - direct['p50 (ms)']) * 100) / 100;
    const totalErrors = rows.reduce((sum, row) => sum + row.errors, 0);
    const targets = [
      { target: 'gateway p50 overhead over the direct call', value: overhead, unit: 'ms', limit: '<= 3', met: overhead <= 3 },
      { target: 'four-subgraph query p99', value: fourSubgraphs['p99 (ms)'], unit: 'ms', limit: '<= 50', met: fourSubgraphs['p99 (ms)'] <= 50 },
      { target: 'errors in all timed runs', value: totalErrors, unit: 'responses', limit: '= 0', met: totalErrors === 0 },
    ];
    console.table(targets);

    const results = {
      benchmark: 'gateway',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemoryMb: Math.round(totalmem() / 2 ** 20), os: `${osType()} ${release()}`, node: process.version },
      settings: {
        loadGenerator: 'autocannon 8, in its own process; the embedded platform (SQLite, log level silent) in a child process',
        connections: CONNECTIONS,
        warmupSeconds: WARMUP_SECONDS,
        durationSeconds: DURATION_SECONDS,
        latency: "measured per response from autocannon's client events; p50/p99 by nearest rank over every 200 of the timed run",
        errors: 'non-2xx responses + bodies differing from the verified one (GraphQL errors included) + socket errors/timeouts',
        cpuProfile: process.env.BENCH_CPU_PROF ?? null,
      },
      results: rows,
      gatewayOverheadP50Ms: overhead,
      targets,
      details,
    };
    const resultsDir = join(projectRoot(), 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'gateway.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await platform.stop();
  }
}

const role = process.argv[2] === PLATFORM_ROLE ? runPlatform : main;
role().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
