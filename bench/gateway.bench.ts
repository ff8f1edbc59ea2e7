/**
 * `npm run bench:gateway`: Goliath's gateway against Hive Gateway (the anchor) over the same
 * subgraph processes, in one run. `npm start` runs as users run it (the built dist/main.js: the
 * gateway in its process, each subgraph and the projection runner in their own); Hive Gateway's
 * CLI serves the same supergraph over the same subgraph processes, forwarding `authorization`
 * and signing each subgraph request (the subgraphs serve nothing unsigned). Goliath's gateway has
 * every feature on (token verification, query limits, rate limits, API versions, access log);
 * Hive only forwards the header. autocannon drives each gateway from this process over loopback:
 * the one-subgraph and four-subgraph tenant queries and a mutation (createProblem, which appends
 * events and waits for the read models), at 50 connections and at 1, plus the one-subgraph
 * query sent straight to the enterprise subgraph (what the gateway adds). Every response must be
 * a 200 whose body is byte-identical to one checked beforehand. CPU per request is read from
 * /proc for every process. Then subscription fan-out, Goliath only (only its gateway serves
 * subscriptions, from the event store): N subscribers to one tenant's events, M events
 * appended, delivery latency from each event's `occurredAt` to its receipt.
 * Prints tables and writes bench/results/gateway.json. Needs a build (`npm run build`); the
 * npm script compiles dist/ first.
 */
import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { openGatewayRequestKey, withGatewaySignature, type GatewayRequestKey } from '../platform/auth/gateway-request-signature';
import { SIGNED_REQUEST_HEADERS } from '../platform/graphql/subgraph-server';
import { machineInfo, sized, writeBenchResult } from './bench-results';
import { processCpuMs, startGoliath, startHiveGateway, type StartedGoliath } from './gateway/platform-processes';
import { measureSubscriptionFanOut } from './gateway/subscription-fan-out';
import { latencyFigures, round2 } from './platform-child';

const CONNECTIONS = 50;
const WARMUP_SECONDS = sized(3, 1);
const DURATION_SECONDS = sized(10, 1);
const ALONE_SECONDS = sized(5, 1);
const CHECKS_BEFORE_RUN = sized(20, 2);
const SUBSCRIBERS = sized(50, 5);
const EVENTS = sized(100, 5);

interface Target {
  readonly gateway: 'goliath' | 'hive' | 'direct';
  readonly url: string;
  /** The direct call signs each request as a gateway does (a fresh signature every time). */
  readonly signedWith?: GatewayRequestKey;
}

interface Scenario {
  readonly name: string;
  readonly query: string;
  readonly expected: unknown;
}

interface Row {
  readonly scenario: string;
  readonly gateway: string;
  readonly connections: number;
  readonly 'requests/s': number;
  readonly 'p50 (ms)': number;
  readonly 'p99 (ms)': number;
  readonly 'gateway CPU/req (ms)': number;
  readonly 'subgraphs CPU/req (ms)': number;
  readonly 'projections CPU/req (ms)': number;
  readonly errors: number;
}

function requestHeaders(target: Target, token: string, body: string): Record<string, string> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  return target.signedWith ? withGatewaySignature(target.signedWith, { method: 'POST', url: target.url, headers, body }, SIGNED_REQUEST_HEADERS) : headers;
}

async function post(target: Target, token: string, query: string): Promise<{ status: number; text: string }> {
  const body = JSON.stringify({ query });
  const response = await fetch(target.url, { method: 'POST', headers: requestHeaders(target, token, body), body });
  return { status: response.status, text: await response.text() };
}

/** Checks the answer in full a few times (200, no errors, data as expected, same bytes each time); returns those bytes. */
async function verifiedBody(target: Target, scenario: Scenario, token: string): Promise<string> {
  let body: string | undefined;
  for (let i = 0; i < CHECKS_BEFORE_RUN; i++) {
    const { status, text } = await post(target, token, scenario.query);
    const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
    if (status !== 200 || parsed.errors !== undefined || !isDeepStrictEqual(parsed.data, scenario.expected)) {
      throw new Error(`${scenario.name} via ${target.gateway}: unexpected answer (HTTP ${status}): ${text}`);
    }
    if (body !== undefined && body !== text) throw new Error(`${scenario.name} via ${target.gateway}: the answer changed between requests:\n${body}\n${text}`);
    body = text;
  }
  return body!;
}

/** CPU (ms) of the gateway under test, of the four subgraph processes together and of the projection process. */
function cpuByPart(goliath: StartedGoliath, gatewayPid: number | undefined) {
  const { gateway: _ownGateway, projections, ...subgraphs } = goliath.pids;
  return {
    gateway: gatewayPid === undefined ? 0 : processCpuMs(gatewayPid),
    subgraphs: Object.values(subgraphs).reduce((sum, pid) => sum + processCpuMs(pid), 0),
    projections: processCpuMs(projections),
  };
}

async function load(goliath: StartedGoliath, target: Target, gatewayPid: number | undefined, scenario: Scenario, expectedBody: string, connections: number, seconds: number) {
  const latencies: number[] = [];
  const body = JSON.stringify({ query: scenario.query });
  const headers = () => requestHeaders(target, goliath.adminToken, body);
  const before = cpuByPart(goliath, gatewayPid);
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: headers(),
    body,
    ...(target.signedWith && { requests: [{ setupRequest: (request) => ({ ...request, headers: headers() }) }] }),
    setupClient: (client) => {
      client.on('response', (statusCode: number, _bytes: number, responseTime: number) => {
        if (statusCode === 200) latencies.push(responseTime);
      });
    },
    verifyBody: (answer) => answer === expectedBody,
  });
  const after = cpuByPart(goliath, gatewayPid);
  const requests = Math.max(1, result.requests.total);
  return {
    result,
    ...latencyFigures(latencies, result.duration),
    cpuPerRequest: { gateway: (after.gateway - before.gateway) / requests, subgraphs: (after.subgraphs - before.subgraphs) / requests, projections: (after.projections - before.projections) / requests },
    // non-2xx answers, bodies other than the verified one (GraphQL errors among them), socket errors and timeouts
    errors: result.non2xx + result.mismatches + result.errors,
  };
}

async function measure(goliath: StartedGoliath, target: Target, gatewayPid: number | undefined, scenario: Scenario, expectedBody: string, connections: number, warmupSeconds: number, seconds: number) {
  const warmup = await load(goliath, target, gatewayPid, scenario, expectedBody, connections, warmupSeconds);
  const run = await load(goliath, target, gatewayPid, scenario, expectedBody, connections, seconds);
  const row: Row = {
    scenario: scenario.name,
    gateway: target.gateway,
    connections,
    'requests/s': Math.round(run.requestsPerSecond),
    'p50 (ms)': round2(run.p50),
    'p99 (ms)': round2(run.p99),
    'gateway CPU/req (ms)': round2(run.cpuPerRequest.gateway),
    'subgraphs CPU/req (ms)': round2(run.cpuPerRequest.subgraphs),
    'projections CPU/req (ms)': round2(run.cpuPerRequest.projections),
    errors: run.errors + warmup.errors,
  };
  return { row, detail: { ...row, url: target.url, maxMs: round2(run.max), completed200: run.completed, socketErrors: run.result.errors, timeouts: run.result.timeouts, warmup: { seconds: warmupSeconds, requests: warmup.completed } } };
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const goliath = await startGoliath();
  const hive = await startHiveGateway(goliath).catch(async (error: unknown) => {
    await goliath.stop();
    throw error;
  });
  try {
    const token = goliath.adminToken;
    const goliathGateway: Target = { gateway: 'goliath', url: goliath.gatewayUrl };
    const hiveGateway: Target = { gateway: 'hive', url: hive.gatewayUrl };
    const direct: Target = { gateway: 'direct', url: goliath.subgraphUrls.enterprise, signedWith: openGatewayRequestKey(goliath.keysDir) };
    const gatewayPids = { goliath: goliath.pids.gateway, hive: hive.pid, direct: undefined };

    const created = JSON.parse((await post(goliathGateway, token, 'mutation { createTenant(input: { name: "Bench" }) { id name createdAt } }')).text) as { data?: { createTenant: { id: string; name: string; createdAt: string } } };
    if (!created.data) throw new Error(`createTenant failed: ${JSON.stringify(created)}`);
    const tenant = created.data.createTenant;
    const profile = { tenantId: tenant.id, createdAt: tenant.createdAt };
    const oneSubgraph: Scenario = { name: 'one-subgraph query', query: `query { tenant(id: "${tenant.id}") { id name createdAt } }`, expected: { tenant } };
    const fourSubgraphs: Scenario = {
      name: 'four-subgraph query',
      query: `query { tenant(id: "${tenant.id}") { id name createdAt optimizationProfile { tenantId createdAt } scalingProfile { tenantId createdAt } communityProfile { tenantId createdAt } } }`,
      expected: { tenant: { ...tenant, optimizationProfile: profile, scalingProfile: profile, communityProfile: profile } },
    };
    const mutation: Scenario = {
      name: 'mutation (createProblem)',
      query: `mutation { createProblem(input: { tenantId: "${tenant.id}", name: "bench", qubo: { variables: ["a", "b"], linear: [{ variable: "a", coefficient: 1 }], quadratic: [{ u: "a", v: "b", coefficient: -2 }], sense: MINIMIZE } }) { name variableCount quadraticTermCount } }`,
      expected: { createProblem: { name: 'bench', variableCount: 2, quadraticTermCount: 1 } },
    };
    const runs: [Scenario, Target][] = [
      [oneSubgraph, direct],
      [oneSubgraph, goliathGateway],
      [oneSubgraph, hiveGateway],
      [fourSubgraphs, goliathGateway],
      [fourSubgraphs, hiveGateway],
      [mutation, goliathGateway],
      [mutation, hiveGateway],
    ];
    const bodies = new Map<string, string>();
    const key = (scenario: Scenario, target: Target) => `${scenario.name}/${target.gateway}`;
    for (const [scenario, target] of runs) bodies.set(key(scenario, target), await verifiedBody(target, scenario, token));

    const measured = [];
    for (const connections of [CONNECTIONS, 1]) {
      for (const [scenario, target] of runs) {
        const seconds = connections === CONNECTIONS ? DURATION_SECONDS : ALONE_SECONDS;
        const warmup = connections === CONNECTIONS ? WARMUP_SECONDS : 1;
        measured.push(await measure(goliath, target, gatewayPids[target.gateway], scenario, bodies.get(key(scenario, target))!, connections, warmup, seconds));
      }
    }
    const rows = measured.map(({ row }) => row);
    console.table(rows);

    const rowOf = (scenario: Scenario, gateway: Target['gateway'], connections: number) => rows.find((row) => row.scenario === scenario.name && row.gateway === gateway && row.connections === connections)!;
    const ratios = [oneSubgraph, fourSubgraphs, mutation].flatMap((scenario) =>
      [CONNECTIONS, 1].map((connections) => {
        const ours = rowOf(scenario, 'goliath', connections);
        const anchor = rowOf(scenario, 'hive', connections);
        return {
          scenario: scenario.name,
          connections,
          'requests/s ratio (Goliath / Hive)': round2(ours['requests/s'] / anchor['requests/s']),
          'p99 Goliath (ms)': ours['p99 (ms)'],
          'p99 Hive (ms)': anchor['p99 (ms)'],
          'gateway CPU/req Goliath / Hive': round2(ours['gateway CPU/req (ms)'] / anchor['gateway CPU/req (ms)']),
        };
      }),
    );
    console.log('Goliath (token checks, query limits, rate limits, API versions, access log on) against Hive Gateway (header forwarding and request signing only):');
    console.table(ratios);

    const fanOut = await measureSubscriptionFanOut({ gatewayUrl: goliath.gatewayUrl, token, keysDir: goliath.keysDir, tenantId: tenant.id, subscribers: SUBSCRIBERS, events: EVENTS });
    console.log(`Subscription fan-out (Goliath): ${SUBSCRIBERS} subscribers × ${EVENTS} events`);
    console.table([fanOut]);

    const overhead = round2(rowOf(oneSubgraph, 'goliath', CONNECTIONS)['p50 (ms)'] - rowOf(oneSubgraph, 'direct', CONNECTIONS)['p50 (ms)']);
    const fourP99 = rowOf(fourSubgraphs, 'goliath', CONNECTIONS)['p99 (ms)'];
    const totalErrors = rows.reduce((sum, row) => sum + row.errors, 0);
    const targets = [
      ...ratios.map((ratio) => ({
        target: `${ratio.scenario}, ${ratio.connections} connection(s): requests/s ≥ 1.0× Hive at no worse p99`,
        value: `${ratio['requests/s ratio (Goliath / Hive)']}×, p99 ${ratio['p99 Goliath (ms)']} vs ${ratio['p99 Hive (ms)']} ms`,
        met: ratio['requests/s ratio (Goliath / Hive)'] >= 1 && ratio['p99 Goliath (ms)'] <= ratio['p99 Hive (ms)'],
      })),
      { target: `gateway p50 overhead over the direct call, ${CONNECTIONS} connections: ≤ 3 ms`, value: `${overhead} ms`, met: overhead <= 3 },
      { target: `four-subgraph query p99 through Goliath, ${CONNECTIONS} connections: ≤ 50 ms`, value: `${fourP99} ms`, met: fourP99 <= 50 },
      { target: 'errors in all runs: 0', value: String(totalErrors), met: totalErrors === 0 },
    ];
    console.table(targets);

    const written = writeBenchResult('gateway', {
      machine: { ...machineInfo(), loadAverage1m: { before: round2(loadBefore[0]), after: round2(loadavg()[0]) } },
      settings: {
        layout: 'npm start (dist/main.js): gateway process + one process per subgraph + projections process, SQLite; Hive Gateway CLI in its own process over the same subgraph processes',
        loadGenerator: 'autocannon in this process, loopback',
        connections: [CONNECTIONS, 1],
        warmupSeconds: WARMUP_SECONDS,
        durationSeconds: { [CONNECTIONS]: DURATION_SECONDS, 1: ALONE_SECONDS },
        goliathFeatures: 'token verification, graphql-armor limits, rate limits, API version, access log (LOG_LEVEL=silent drops its lines)',
        hive: 'propagateHeaders authorization; onFetch signs each subgraph request with the platform key (bench/gateway/hive-gateway.config.mjs)',
        latency: "per response from autocannon's client events; p50/p99 by nearest rank over every 200 of the timed run",
        cpu: '/proc/<pid>/stat user+system of each process over the timed run, per request sent',
      },
      results: rows,
      ratios,
      subscriptionFanOut: fanOut,
      targets,
      details: measured.map(({ detail }) => detail),
    });
    console.log(`wrote ${written}`);
  } finally {
    await hive.stop();
    await goliath.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
