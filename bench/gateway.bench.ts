/**
 * `npm run bench:gateway`: the embedded platform (four subgraphs, projections and the gateway in
 * one Node process) runs in a child process; this process drives it with autocannon over
 * loopback, so the load generator does not share the platform's event loop. Scenarios: the
 * one-subgraph tenant query sent directly to the enterprise subgraph and through the gateway, and
 * the four-subgraph tenant query through the gateway, at 50 connections (the targets), then each
 * again over one connection (latency without queueing, for reference). Every response must be a
 * 200 whose body is byte-identical to one checked beforehand (data as expected, no `errors`).
 * The platform process's own CPU time is read before and after each run, giving CPU per request.
 * Prints a table and writes bench/results/gateway.json.
 *
 * BENCH_CPU_PROF=<dir> runs the platform child with --cpu-prof into that folder.
 */
import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { openGatewayRequestKey, withGatewaySignature, type GatewayRequestKey } from '../platform/auth/gateway-request-signature';
import { SIGNED_REQUEST_HEADERS } from '../platform/graphql/subgraph-server';
import { machineInfo, sized, writeBenchResult } from './bench-results';
import { latencyFigures, round2, runBenchmark, startPlatformChild, type PlatformChild } from './platform-child';

const CONNECTIONS = 50;
const WARMUP_SECONDS = sized(3, 1);
const DURATION_SECONDS = sized(10, 1);
const REFERENCE_CONNECTIONS = 1;
const REFERENCE_WARMUP_SECONDS = 1;
const REFERENCE_SECONDS = sized(5, 1);
const CHECKS_BEFORE_RUN = sized(20, 2);

interface Scenario {
  readonly name: string;
  readonly url: string;
  readonly query: string;
  readonly expected: unknown;
  /** A subgraph serves only requests a gateway signed: the direct scenario signs each request as the gateway does (a fresh signature every time). */
  readonly signedWith?: GatewayRequestKey;
}

interface Row {
  readonly scenario: string;
  readonly connections: number;
  readonly 'requests/s': number;
  readonly 'p50 (ms)': number;
  readonly 'p99 (ms)': number;
  readonly 'platform CPU/request (ms)': number;
  readonly requests: number;
  readonly errors: number;
}

function requestHeaders(scenario: Pick<Scenario, 'url' | 'signedWith'>, token: string, body: string): Record<string, string> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  return scenario.signedWith ? withGatewaySignature(scenario.signedWith, { method: 'POST', url: scenario.url, headers, body }, SIGNED_REQUEST_HEADERS) : headers;
}

async function post(scenario: Pick<Scenario, 'url' | 'signedWith'>, token: string, query: string): Promise<{ status: number; text: string }> {
  const body = JSON.stringify({ query });
  const response = await fetch(scenario.url, { method: 'POST', headers: requestHeaders(scenario, token, body), body });
  return { status: response.status, text: await response.text() };
}

/**
 * Sends the scenario's request a few times and checks each answer in full: status 200, no
 * `errors`, `data` as expected, and the same bytes every time. Returns those bytes, which every
 * response of the timed runs must then match.
 */
async function verifiedBody(scenario: Scenario, token: string): Promise<string> {
  let body: string | undefined;
  for (let i = 0; i < CHECKS_BEFORE_RUN; i++) {
    const { status, text } = await post(scenario, token, scenario.query);
    const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
    if (status !== 200 || parsed.errors !== undefined || !isDeepStrictEqual(parsed.data, scenario.expected)) {
      throw new Error(`${scenario.name}: unexpected answer (HTTP ${status}): ${text}`);
    }
    if (body !== undefined && body !== text) throw new Error(`${scenario.name}: the answer changed between requests:\n${body}\n${text}`);
    body = text;
  }
  return body!;
}

/**
 * One autocannon run. Latencies are taken from each client's `response` event (sub-millisecond
 * resolution; autocannon's own histogram keeps whole milliseconds, too coarse for a 3 ms budget).
 */
async function load(platform: PlatformChild, scenario: Scenario, expectedBody: string, connections: number, seconds: number) {
  const latencies: number[] = [];
  let errorsInBody = 0;
  const body = JSON.stringify({ query: scenario.query });
  const headers = () => requestHeaders(scenario, platform.handle.adminToken, body);
  const cpuBefore = await platform.cpuMs();
  const result = await autocannon({
    url: scenario.url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: headers(),
    body,
    ...(scenario.signedWith && { requests: [{ setupRequest: (request) => ({ ...request, headers: headers() }) }] }),
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
  const cpu = (await platform.cpuMs()) - cpuBefore;
  return {
    result,
    ...latencyFigures(latencies, result.duration),
    cpuMsPerRequest: cpu / Math.max(1, result.requests.total),
    platformCpuBusy: cpu / (result.duration * 1000),
    // non-2xx answers, bodies other than the verified one (GraphQL errors among them), socket errors and timeouts
    errors: result.non2xx + result.mismatches + result.errors,
    errorsInBody,
  };
}

async function measure(platform: PlatformChild, scenario: Scenario, expectedBody: string, connections: number, warmupSeconds: number, seconds: number) {
  const warmup = await load(platform, scenario, expectedBody, connections, warmupSeconds);
  const run = await load(platform, scenario, expectedBody, connections, seconds);
  const row: Row = {
    scenario: scenario.name,
    connections,
    'requests/s': Math.round(run.requestsPerSecond),
    'p50 (ms)': round2(run.p50),
    'p99 (ms)': round2(run.p99),
    'platform CPU/request (ms)': round2(run.cpuMsPerRequest),
    requests: run.completed,
    errors: run.errors + warmup.errors,
  };
  const detail = {
    scenario: scenario.name,
    connections,
    url: scenario.url,
    requestsPerSecond: round2(run.requestsPerSecond),
    latencyMs: { p50: round2(run.p50), p99: round2(run.p99), max: round2(run.max) },
    platformCpuMsPerRequest: round2(run.cpuMsPerRequest),
    platformCpuBusy: round2(run.platformCpuBusy),
    completed200: run.completed,
    errors: {
      total: run.errors,
      non2xx: run.result.non2xx,
      unexpectedBodies: run.result.mismatches,
      graphqlErrors: run.errorsInBody,
      socketErrors: run.result.errors,
      timeouts: run.result.timeouts,
    },
    warmup: { seconds: warmupSeconds, requests: warmup.completed, errors: warmup.errors },
  };
  return { row, detail };
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const platform = await startPlatformChild(__filename);
  try {
    const { gatewayUrl, subgraphUrls, keysDir, adminToken: token } = platform.handle;
    const created = JSON.parse((await post({ url: gatewayUrl }, token, 'mutation { createTenant(input: { name: "Bench" }) { id name createdAt } }')).text) as {
      data?: { createTenant: { id: string; name: string; createdAt: string } };
      errors?: unknown;
    };
    if (!created.data || created.errors) throw new Error(`createTenant failed: ${JSON.stringify(created)}`);
    const tenant = created.data.createTenant;
    const profile = { tenantId: tenant.id, createdAt: tenant.createdAt };

    const oneSubgraphQuery = `query { tenant(id: "${tenant.id}") { id name createdAt } }`;
    const fourSubgraphQuery = `query { tenant(id: "${tenant.id}") { id name createdAt optimizationProfile { tenantId createdAt } scalingProfile { tenantId createdAt } communityProfile { tenantId createdAt } } }`;
    const scenarios: Scenario[] = [
      { name: 'one-subgraph query, direct to enterprise', url: subgraphUrls.enterprise, query: oneSubgraphQuery, expected: { tenant }, signedWith: openGatewayRequestKey(keysDir) },
      { name: 'one-subgraph query, through the gateway', url: gatewayUrl, query: oneSubgraphQuery, expected: { tenant } },
      {
        name: 'four-subgraph query, through the gateway',
        url: gatewayUrl,
        query: fourSubgraphQuery,
        expected: { tenant: { ...tenant, optimizationProfile: profile, scalingProfile: profile, communityProfile: profile } },
      },
    ];

    const bodies = new Map<Scenario, string>();
    for (const scenario of scenarios) bodies.set(scenario, await verifiedBody(scenario, token));
    const measured = [];
    for (const scenario of scenarios) measured.push(await measure(platform, scenario, bodies.get(scenario)!, CONNECTIONS, WARMUP_SECONDS, DURATION_SECONDS));
    const reference = [];
    for (const scenario of scenarios) {
      reference.push(await measure(platform, scenario, bodies.get(scenario)!, REFERENCE_CONNECTIONS, REFERENCE_WARMUP_SECONDS, REFERENCE_SECONDS));
    }
    const rows = [...measured, ...reference].map(({ row }) => row);
    console.table(rows);

    const [direct, viaGateway, fourSubgraphs] = measured.map(({ row }) => row);
    const [directAlone, viaGatewayAlone] = reference.map(({ row }) => row);
    const overhead = round2(viaGateway['p50 (ms)'] - direct['p50 (ms)']);
    const overheadAlone = round2(viaGatewayAlone['p50 (ms)'] - directAlone['p50 (ms)']);
    const totalErrors = rows.reduce((sum, row) => sum + row.errors, 0);
    const targets = [
      { target: `gateway p50 overhead over the direct call, ${CONNECTIONS} connections`, value: overhead, unit: 'ms', limit: '<= 3', met: overhead <= 3 },
      { target: `four-subgraph query p99, ${CONNECTIONS} connections`, value: fourSubgraphs['p99 (ms)'], unit: 'ms', limit: '<= 50', met: fourSubgraphs['p99 (ms)'] <= 50 },
      { target: 'errors in all runs', value: totalErrors, unit: 'responses', limit: '= 0', met: totalErrors === 0 },
    ];
    console.table(targets);
    console.log(`For reference (not a target): over ${REFERENCE_CONNECTIONS} connection the gateway adds ${overheadAlone} ms at p50.`);

    const written = writeBenchResult('gateway', {
      machine: {
        ...machineInfo(),
        // Other work on the machine during the run shows here (2 cores: platform + load generator).
        loadAverage1m: { before: round2(loadBefore[0]), after: round2(loadavg()[0]) },
      },
      settings: {
        loadGenerator: 'autocannon 8 in this process; the embedded platform (SQLite, log level silent) in a child process; loopback',
        connections: CONNECTIONS,
        warmupSeconds: WARMUP_SECONDS,
        durationSeconds: DURATION_SECONDS,
        reference: { connections: REFERENCE_CONNECTIONS, warmupSeconds: REFERENCE_WARMUP_SECONDS, durationSeconds: REFERENCE_SECONDS },
        latency: "per response from autocannon's client events; p50/p99 by nearest rank over every 200 of the timed run",
        errors: 'non-2xx responses + bodies differing from the verified one (GraphQL errors included) + socket errors/timeouts, warm-up included',
        platformCpu: 'process.cpuUsage() of the platform process (user + system) over the timed run, per request sent',
        cpuProfile: process.env.BENCH_CPU_PROF ?? null,
      },
      results: rows,
      gatewayOverheadP50Ms: { [`${CONNECTIONS} connections`]: overhead, [`${REFERENCE_CONNECTIONS} connection`]: overheadAlone },
      targets,
      details: [...measured, ...reference].map(({ detail }) => detail),
    });
    console.log(`wrote ${written}`);
  } finally {
    await platform.stop();
  }
}

runBenchmark(main);
