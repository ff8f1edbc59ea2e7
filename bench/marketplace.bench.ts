/**
 * `npm run bench:marketplace`: what issue 12 asks of the marketplace, p50/p99 and requests/s of
 * discoverAlgorithms (over 10,000 approved listings), algorithm(id), purchaseAlgorithm and
 * submitAlgorithm at 1 and 50 connections through the gateway, and the two reads sent straight to
 * the community subgraph (signed as the gateway signs) in the same run.
 *
 * As in bench:gateway, the embedded platform runs in a child process and this process drives it
 * with autocannon over loopback; latency comes from autocannon's per-response events and the
 * child's CPU time gives CPU per request. Rate limits are off in the child: one user sends all of it.
 *
 * Data: 10,000 listings of an authors' tenant (submitted, approved, 30 % rated; realistic words,
 * categories, complexities and prices from a seeded generator, bench/marketplace/listing-corpus.ts)
 * are appended straight to the child's SQLite file through a second connection, then the
 * projections catch up; both times are reported.
 *
 * Traffic: discover rotates round-robin through DISTINCT_CRITERIA criteria (browsing, word
 * searches, a few words nearly every listing holds, second pages), algorithm(id) through
 * ALGORITHM_IDS listings; every answer must equal, byte for byte, the one checked for that request
 * beforehand. Purchases (a buyer tenant's admin, a fresh idempotency key each) and submissions
 * (a developer, fresh content each) must answer a licence / a SUBMITTED listing. The SQLite read
 * store answers repeated statements from memory until their collection changes: the rotation's
 * criteria come back and are answered so once the warm-up has seen them, the "new criteria each"
 * run is the cold case (no cache can answer it), and discover also runs while purchases commit
 * PURCHASES_PER_SECOND_BESIDE (they write other collections, so the catalog's answers stay).
 *
 * BENCH_CPU_PROF=<dir> runs the platform child with --cpu-prof into that folder.
 */
import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { issueDevelopmentToken } from '../platform/auth/dev-token';
import { openGatewayRequestKey, withGatewaySignature, type GatewayRequestKey } from '../platform/auth/gateway-request-signature';
import { loadConfig } from '../platform/config';
import { SIGNED_REQUEST_HEADERS } from '../platform/graphql/subgraph-server';
import { machineInfo, sized, writeBenchResult } from './bench-results';
import { firstPageCriteria, type DiscoverCriteria } from './marketplace/discover-criteria';
import { ListingCorpus } from './marketplace/listing-corpus';
import { seedListings } from './marketplace/seed-listings';
import { latencyFigures, round2, runBenchmark, startPlatformChild, type PlatformChild } from './platform-child';

const CONNECTIONS = 50;
const WARMUP_SECONDS = sized(3, 1);
const DURATION_SECONDS = sized(10, 1);
const ONE_CONNECTION_WARMUP_SECONDS = 1;
const ONE_CONNECTION_SECONDS = sized(5, 1);
const LISTINGS = sized(10_000, 200);
const FIRST_PAGES = sized(170, 17);
const SECOND_PAGES = sized(30, 3);
const DISTINCT_CRITERIA = FIRST_PAGES + SECOND_PAGES;
const ALGORITHM_IDS = sized(1_000, 20);
const PURCHASES_PER_SECOND_BESIDE = 20;
const CORPUS_SEED = 12;
const CRITERIA_SEED = 1_200;
const P99_AT_50_MS = 100;
const P99_AT_1_MS = 10;
/** Settled: the platform uses less than this share of one core (projections done with the seed). */
const IDLE_CPU_SHARE = 0.05;

const PLATFORM_ENV = { RATE_LIMIT_USER_POINTS: '0', RATE_LIMIT_TENANT_POINTS: '0', RATE_LIMIT_OPERATION_POINTS: '0' };

const DISCOVER = `query ($criteria: DiscoverAlgorithmsInput!) {
  discoverAlgorithms(criteria: $criteria) {
    totalCount
    edges { cursor node { id name description category complexity currency licensePrices { licenseType price } ratingAverage ratingCount runs publishedAt } }
    pageInfo { hasNextPage endCursor }
    facets { category { value count } complexity { value count } priceBands { value from to count } license { value count } }
  }
}`;
const ALGORITHM = `query ($id: ID!) {
  algorithm(id: $id) {
    id tenantId name description category complexity status version publishedVersion documentationHtml recipe currency
    licensePrices { licenseType price } licenseTerms ratingAverage ratingCount runs hasSource publishedAt
    versions { version status submittedAt reviewedAt } ratings(first: 5) { version stars text ratedAt } benchmarkResults { version benchmarkSet benchmarkedAt }
  }
}`;
const PURCHASE = 'mutation ($input: PurchaseAlgorithmInput!) { purchaseAlgorithm(input: $input) { id } }';
const SUBMIT = 'mutation ($input: SubmitAlgorithmInput!) { submitAlgorithm(input: $input) { id status version documentationHtml } }';

type Operation = 'discoverAlgorithms' | 'algorithm(id)' | 'purchaseAlgorithm' | 'submitAlgorithm';
type Route = 'gateway' | 'direct';

/** Where requests go and who sends them. A subgraph serves only requests a gateway signed: direct traffic signs each one afresh. */
interface Endpoint {
  readonly route: Route;
  readonly url: string;
  readonly token: string;
  readonly signedWith?: GatewayRequestKey;
}

/** The next request's body, and the check its answer must pass. */
interface Exchange {
  readonly body: string;
  accepts(answer: string): boolean;
}

interface Traffic {
  readonly name: string;
  readonly operation: Operation;
  readonly endpoint: Endpoint;
  next(): Exchange;
}

interface Row {
  readonly scenario: string;
  readonly route: Route;
  readonly connections: number;
  readonly 'requests/s': number;
  readonly 'p50 (ms)': number;
  readonly 'p99 (ms)': number;
  readonly 'platform CPU/request (ms)': number;
  readonly requests: number;
  readonly errors: number;
}

interface GraphQLAnswer<T> {
  readonly data?: T | null;
  readonly errors?: unknown[];
}

function headersOf(endpoint: Endpoint, body: string): Record<string, string> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${endpoint.token}` };
  return endpoint.signedWith ? withGatewaySignature(endpoint.signedWith, { method: 'POST', url: endpoint.url, headers, body }, SIGNED_REQUEST_HEADERS) : headers;
}

const bodyOf = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

/** One request; its answer must be a 200 without errors. Returns the answer's text and how long it took. */
async function exchange(endpoint: Endpoint, body: string): Promise<{ text: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(endpoint.url, { method: 'POST', headers: headersOf(endpoint, body), body });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200 || (JSON.parse(text) as GraphQLAnswer<unknown>).errors !== undefined) throw new Error(`${endpoint.route}: unexpected answer (HTTP ${response.status}) to ${body}: ${text}`);
  return { text, ms };
}

async function dataOf<T>(endpoint: Endpoint, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return (JSON.parse((await exchange(endpoint, bodyOf(query, variables))).text) as GraphQLAnswer<T>).data as T;
}

/** Requests in turn from a fixed list, each answer compared with the one checked for it beforehand. */
function rotation(name: string, operation: Operation, endpoint: Endpoint, bodies: readonly string[], answers: readonly string[]): Traffic {
  let next = 0;
  return {
    name,
    operation,
    endpoint,
    next: () => {
      const i = next++ % bodies.length;
      return { body: bodies[i], accepts: (answer) => answer === answers[i] };
    },
  };
}

/** Writes: a fresh body every time, whose answer must have data of the expected shape and no errors. */
function writes(name: string, operation: Operation, endpoint: Endpoint, nextBody: () => string, accepted: (data: unknown) => boolean): Traffic {
  return {
    name,
    operation,
    endpoint,
    next: () => ({
      body: nextBody(),
      accepts: (answer) => {
        const parsed = JSON.parse(answer) as GraphQLAnswer<unknown>;
        return parsed.errors === undefined && accepted(parsed.data);
      },
    }),
  };
}

/**
 * One autocannon run. Each client remembers the check of the request it sent (autocannon's
 * per-client context) and applies it to the answer. Latencies come from each response event
 * (sub-millisecond resolution; autocannon's own histogram keeps whole milliseconds).
 */
async function drive(traffic: Traffic, connections: number, seconds: number, overallRate?: number) {
  const latencies: number[] = [];
  let rejected = 0;
  const rejectedSamples: string[] = [];
  const result = await autocannon({
    url: traffic.endpoint.url,
    connections,
    duration: seconds,
    ...(overallRate !== undefined && { overallRate }),
    method: 'POST',
    requests: [
      {
        setupRequest: (request, context) => {
          const next = traffic.next();
          context.accepts = next.accepts;
          return { ...request, method: 'POST', body: next.body, headers: headersOf(traffic.endpoint, next.body) };
        },
        onResponse: (statusCode, body, context) => {
          if (statusCode === 200 && (context.accepts as Exchange['accepts'])(body)) return;
          rejected++;
          if (rejectedSamples.length < 3) rejectedSamples.push(`HTTP ${statusCode}: ${body.slice(0, 400)}`);
        },
      },
    ],
    setupClient: (client) => {
      client.on('response', (statusCode: number, _bytes: number, responseTime: number) => {
        if (statusCode === 200) latencies.push(responseTime);
      });
    },
  });
  return {
    result,
    ...latencyFigures(latencies, result.duration),
    // answers that failed their check (non-200s and GraphQL errors among them), socket errors and timeouts
    errors: rejected + result.errors + result.timeouts,
    rejectedSamples,
  };
}

interface Beside {
  readonly traffic: Traffic;
  readonly requestsPerSecond: number;
}

/** A warm-up, then the timed run; with `beside`, other traffic runs at a fixed rate alongside both. */
async function measure(platform: PlatformChild, traffic: Traffic, connections: number, beside?: Beside) {
  const [warmupSeconds, seconds] = connections === 1 ? [ONE_CONNECTION_WARMUP_SECONDS, ONE_CONNECTION_SECONDS] : [WARMUP_SECONDS, DURATION_SECONDS];
  const alongside = (duration: number) => (beside ? drive(beside.traffic, 1, duration, beside.requestsPerSecond) : Promise.resolve(undefined));
  const [warmup, warmupBeside] = await Promise.all([drive(traffic, connections, warmupSeconds), alongside(warmupSeconds)]);
  const cpuBefore = await platform.cpuMs();
  const [run, runBeside] = await Promise.all([drive(traffic, connections, seconds), alongside(seconds)]);
  const cpu = (await platform.cpuMs()) - cpuBefore;
  const besideRequests = runBeside?.result.requests.total ?? 0;
  const row: Row = {
    scenario: traffic.name,
    route: traffic.endpoint.route,
    connections,
    'requests/s': Math.round(run.requestsPerSecond),
    'p50 (ms)': round2(run.p50),
    'p99 (ms)': round2(run.p99),
    'platform CPU/request (ms)': round2(cpu / Math.max(1, run.result.requests.total + besideRequests)),
    requests: run.completed,
    errors: run.errors + warmup.errors + (runBeside?.errors ?? 0) + (warmupBeside?.errors ?? 0),
  };
  const detail = {
    scenario: traffic.name,
    operation: traffic.operation,
    route: traffic.endpoint.route,
    connections,
    requestsPerSecond: round2(run.requestsPerSecond),
    latencyMs: { p50: round2(run.p50), p99: round2(run.p99), max: round2(run.max) },
    platformCpuBusy: round2(cpu / (run.result.duration * 1000)),
    completed200: run.completed,
    errors: { total: run.errors, rejectedAnswers: run.errors - run.result.errors - run.result.timeouts, socketErrors: run.result.errors, timeouts: run.result.timeouts, samples: run.rejectedSamples },
    warmup: { seconds: warmupSeconds, requests: warmup.completed, errors: warmup.errors, samples: warmup.rejectedSamples },
    ...(runBeside && {
      alongside: { scenario: beside!.traffic.name, requestsPerSecond: round2(runBeside.requestsPerSecond), p50: round2(runBeside.p50), p99: round2(runBeside.p99), errors: runBeside.errors + (warmupBeside?.errors ?? 0), samples: runBeside.rejectedSamples },
    }),
  };
  console.log(`${row.scenario} (${row.route}, ${connections}): ${row['requests/s']}/s, p50 ${row['p50 (ms)']} ms, p99 ${row['p99 (ms)']} ms, errors ${row.errors}`);
  return { row, detail };
}

/** Waits until `done` answers true, polling; returns the milliseconds waited. */
async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<number> {
  const started = performance.now();
  while (!(await done())) {
    if (performance.now() - started > timeoutMs) throw new Error(`Gave up waiting ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return performance.now() - started;
}

/** Whether the platform used less than IDLE_CPU_SHARE of a core over the last second. */
async function idle(platform: PlatformChild): Promise<boolean> {
  const before = await platform.cpuMs();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return (await platform.cpuMs()) - before < IDLE_CPU_SHARE * 1_000;
}

interface DiscoverPage {
  discoverAlgorithms: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** The criteria in rotation: first pages, then second pages of the first ones that have one. */
async function discoverCriteria(gateway: Endpoint): Promise<DiscoverCriteria[]> {
  const firstPages = firstPageCriteria(FIRST_PAGES, CRITERIA_SEED);
  const secondPages: DiscoverCriteria[] = [];
  for (const criteria of firstPages) {
    if (secondPages.length === SECOND_PAGES) break;
    const { pageInfo } = (await dataOf<DiscoverPage>(gateway, DISCOVER, { criteria })).discoverAlgorithms;
    if (pageInfo.hasNextPage && pageInfo.endCursor) secondPages.push({ ...criteria, after: pageInfo.endCursor });
  }
  if (secondPages.length < SECOND_PAGES) throw new Error(`Only ${secondPages.length} of the criteria have a second page`);
  return [...firstPages, ...secondPages];
}

/** Each body's answer on the endpoint, checked (200, no errors) and sent twice to see it is stable. */
async function answersOf(endpoint: Endpoint, bodies: readonly string[]): Promise<{ answers: string[]; ms: number[] }> {
  const answers: string[] = [];
  const ms: number[] = [];
  for (const body of bodies) {
    const first = await exchange(endpoint, body);
    const again = await exchange(endpoint, body);
    if (first.text !== again.text) throw new Error(`${endpoint.route}: the answer to ${body} changed between two requests`);
    answers.push(first.text);
    ms.push(first.ms);
  }
  return { answers, ms };
}

function ratio(gateway: number, direct: number): number {
  return round2(gateway / direct);
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const platform = await startPlatformChild(__filename);
  try {
    const { gatewayUrl, subgraphUrls, keysDir, dataDir, adminToken } = platform.handle;
    const admin: Endpoint = { route: 'gateway', url: gatewayUrl, token: adminToken };
    const tenantIds: string[] = [];
    for (const name of ['Authors', 'Buyers', 'Operators']) {
      tenantIds.push((await dataOf<{ createTenant: { id: string } }>(admin, 'mutation ($name: String!) { createTenant(input: { name: $name }) { id } }', { name })).createTenant.id);
    }
    const [authors, buyers, operators] = tenantIds;
    const token = (role: 'DEVELOPER' | 'TENANT_ADMIN' | 'ANALYST', tenantId: string, subject: string) => issueDevelopmentToken({ role, tenantId, subject, keysDir });
    const [developer, buyer, reader] = await Promise.all([token('DEVELOPER', authors, 'ada'), token('TENANT_ADMIN', buyers, 'bea'), token('ANALYST', buyers, 'bob')]);
    const gatewayAs = (who: string): Endpoint => ({ route: 'gateway', url: gatewayUrl, token: who });
    const directAs = (who: string): Endpoint => ({ route: 'direct', url: subgraphUrls.community, token: who, signedWith: openGatewayRequestKey(keysDir) });

    // --- seed ------------------------------------------------------------------------------
    console.log(`seeding ${LISTINGS} listings …`);
    const seedStarted = performance.now();
    const ids = await seedListings({
      sqliteFile: loadConfig({ ...PLATFORM_ENV, DATA_DIR: dataDir }).sqliteFile,
      count: LISTINGS,
      seed: CORPUS_SEED,
      authorTenantId: authors,
      authorId: 'ada',
      operatorTenantId: operators,
      reviewerId: 'mona',
      raterTenantId: buyers,
    });
    const appendMs = performance.now() - seedStarted;
    const listed = async () => (await dataOf<DiscoverPage>(gatewayAs(reader), DISCOVER, { criteria: { first: 1 } })).discoverAlgorithms.totalCount === LISTINGS;
    const catchUpMs = await waitFor(`${LISTINGS} discoverable listings`, listed, 600_000);
    const settleMs = await waitFor('the platform to settle', () => idle(platform), 300_000, 0);
    const seeding = { listings: LISTINGS, appendSeconds: round2(appendMs / 1000), catchUpSeconds: round2(catchUpMs / 1000), settledAfterFurtherSeconds: round2(settleMs / 1000) };
    console.log(`seeded: appended in ${seeding.appendSeconds} s, discoverable ${seeding.catchUpSeconds} s later, settled ${seeding.settledAfterFurtherSeconds} s after that`);

    // --- reads: bodies and their checked answers --------------------------------------------
    const criteria = await discoverCriteria(gatewayAs(reader));
    const discoverBodies = criteria.map((c) => bodyOf(DISCOVER, { criteria: c }));
    const algorithmBodies = Array.from({ length: ALGORITHM_IDS }, (_, i) => bodyOf(ALGORITHM, { id: ids[Math.floor((i * ids.length) / ALGORITHM_IDS)] }));
    const frontPage = [bodyOf(DISCOVER, { criteria: {} })];
    const viaGateway = gatewayAs(reader);
    const direct = directAs(reader);
    const discoverAnswers = { gateway: await answersOf(viaGateway, discoverBodies), direct: await answersOf(direct, discoverBodies) };
    const algorithmAnswers = { gateway: await answersOf(viaGateway, algorithmBodies), direct: await answersOf(direct, algorithmBodies) };
    const frontPageAnswer = await answersOf(viaGateway, frontPage);
    const totals = discoverAnswers.gateway.answers.map((answer) => (JSON.parse(answer) as { data: DiscoverPage }).data.discoverAlgorithms.totalCount);
    const slowest = discoverAnswers.direct.ms
      .map((ms, i) => ({ ms: round2(ms), criteria: criteria[i], totalCount: totals[i] }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);

    // --- writes -----------------------------------------------------------------------------
    let purchases = 0;
    const purchaseBody = () => {
      const n = purchases++;
      return bodyOf(PURCHASE, { input: { algorithmId: ids[(n * 7919) % ids.length], licenseType: (['PERSONAL', 'COMMERCIAL', 'ENTERPRISE'] as const)[n % 3], idempotencyKey: `bench-${n}` } });
    };
    const submissions = new ListingCorpus(CORPUS_SEED + 1);
    let submitted = 0;
    // Serials after the seed's, so every submission's documentation, hence content, is new.
    const submitBody = () => bodyOf(SUBMIT, { input: submissions.next(LISTINGS + submitted++).input });
    // Each request a price cap never asked before: criteria no cache has seen, the cold cost of a discover.
    let coldRequests = 0;
    const coldDiscoverBody = () => bodyOf(DISCOVER, { criteria: { ...criteria[coldRequests % criteria.length], maxPrice: 5_000 + ++coldRequests / 100 } });
    const discovered = (data: unknown) => typeof (data as { discoverAlgorithms?: { totalCount?: unknown } } | null)?.discoverAlgorithms?.totalCount === 'number';
    const purchased = (data: unknown) => typeof (data as { purchaseAlgorithm?: { id?: unknown } } | null)?.purchaseAlgorithm?.id === 'string';
    const isSubmitted = (data: unknown) => (data as { submitAlgorithm?: { status?: unknown } } | null)?.submitAlgorithm?.status === 'SUBMITTED';
    await exchange(gatewayAs(buyer), purchaseBody());
    await exchange(gatewayAs(developer), submitBody());

    const traffic = {
      discover: rotation(`discoverAlgorithms, ${DISTINCT_CRITERIA} criteria in turn`, 'discoverAlgorithms', viaGateway, discoverBodies, discoverAnswers.gateway.answers),
      discoverCold: writes('discoverAlgorithms, new criteria each (no cache hit)', 'discoverAlgorithms', viaGateway, coldDiscoverBody, discovered),
      discoverDirect: rotation(`discoverAlgorithms, ${DISTINCT_CRITERIA} criteria in turn`, 'discoverAlgorithms', direct, discoverBodies, discoverAnswers.direct.answers),
      frontPage: rotation('discoverAlgorithms, the front page only (cache hits)', 'discoverAlgorithms', viaGateway, frontPage, frontPageAnswer.answers),
      discoverBesidePurchases: rotation(`discoverAlgorithms, ${DISTINCT_CRITERIA} criteria, ${PURCHASES_PER_SECOND_BESIDE} purchases/s alongside`, 'discoverAlgorithms', viaGateway, discoverBodies, discoverAnswers.gateway.answers),
      algorithm: rotation(`algorithm(id), ${ALGORITHM_IDS} listings in turn`, 'algorithm(id)', viaGateway, algorithmBodies, algorithmAnswers.gateway.answers),
      algorithmDirect: rotation(`algorithm(id), ${ALGORITHM_IDS} listings in turn`, 'algorithm(id)', direct, algorithmBodies, algorithmAnswers.direct.answers),
      purchase: writes('purchaseAlgorithm, a new key each', 'purchaseAlgorithm', gatewayAs(buyer), purchaseBody, purchased),
      submit: writes('submitAlgorithm, new content each', 'submitAlgorithm', gatewayAs(developer), submitBody, isSubmitted),
    };

    // --- runs -------------------------------------------------------------------------------
    const measured: Awaited<ReturnType<typeof measure>>[] = [];
    for (const connections of [CONNECTIONS, 1]) {
      measured.push(await measure(platform, traffic.discover, connections));
      measured.push(await measure(platform, traffic.discoverCold, connections));
      measured.push(await measure(platform, traffic.discoverDirect, connections));
      measured.push(await measure(platform, traffic.algorithm, connections));
      measured.push(await measure(platform, traffic.algorithmDirect, connections));
      if (connections === CONNECTIONS) {
        measured.push(await measure(platform, traffic.frontPage, connections));
        measured.push(await measure(platform, traffic.discoverBesidePurchases, connections, { traffic: writes('purchaseAlgorithm alongside', 'purchaseAlgorithm', gatewayAs(buyer), purchaseBody, purchased), requestsPerSecond: PURCHASES_PER_SECOND_BESIDE }));
      }
      measured.push(await measure(platform, traffic.purchase, connections));
      measured.push(await measure(platform, traffic.submit, connections));
    }
    const rows = measured.map(({ row }) => row);
    console.table(rows);

    const rowOf = (t: Traffic, connections: number) => rows.find((row) => row.scenario === t.name && row.route === t.endpoint.route && row.connections === connections)!;
    const targets = [
      ...[traffic.discover, traffic.discoverCold, traffic.discoverBesidePurchases, traffic.algorithm, traffic.purchase, traffic.submit].map((t) => {
        const p99 = rowOf(t, CONNECTIONS)['p99 (ms)'];
        return { target: `${t.name}: p99 through the gateway, ${CONNECTIONS} connections`, value: p99, unit: 'ms', limit: `< ${P99_AT_50_MS}`, met: p99 < P99_AT_50_MS };
      }),
      ...[traffic.discover, traffic.discoverCold, traffic.algorithm, traffic.purchase, traffic.submit].map((t) => {
        const p99 = rowOf(t, 1)['p99 (ms)'];
        return { target: `${t.name}: p99 through the gateway, 1 connection`, value: p99, unit: 'ms', limit: `<= ${P99_AT_1_MS}`, met: p99 <= P99_AT_1_MS };
      }),
    ];
    const totalErrors = rows.reduce((sum, row) => sum + row.errors, 0);
    targets.push({ target: 'errors in all runs', value: totalErrors, unit: 'responses', limit: '= 0', met: totalErrors === 0 });
    console.table(targets);

    const ratios = [traffic.discover, traffic.algorithm].flatMap((viaGatewayTraffic, i) => {
      const directTraffic = [traffic.discoverDirect, traffic.algorithmDirect][i];
      return [CONNECTIONS, 1].map((connections) => {
        const g = rowOf(viaGatewayTraffic, connections);
        const d = rowOf(directTraffic, connections);
        return {
          operation: viaGatewayTraffic.operation,
          connections,
          'p50 gateway/direct': ratio(g['p50 (ms)'], d['p50 (ms)']),
          'p99 gateway/direct': ratio(g['p99 (ms)'], d['p99 (ms)']),
          'requests/s gateway/direct': ratio(g['requests/s'], d['requests/s']),
          'CPU/request gateway/direct': ratio(g['platform CPU/request (ms)'], d['platform CPU/request (ms)']),
        };
      });
    });
    console.table(ratios);

    const matching = [...totals].sort((a, b) => a - b);
    const readCache = {
      design: 'The SQLite read store keeps the rows of read statements per collection until a commit writes that collection (platform/readstore/sqlite/read-cache.ts, up to 20,000 rows); one discover makes 2 statements (the page; the total, three facets and three licence counts as one facets request).',
      rotation: `${DISTINCT_CRITERIA} distinct criteria sent round-robin: after the warm-up every one has been answered once, so the rotation measures answers from memory (with the gateway and GraphQL around them); "new criteria each" is the cold case, a price cap never asked before each request; purchases beside discover write licence and invoice collections, not the catalog, so they leave its answers in place.`,
    };
    console.log(readCache.design);
    console.log(readCache.rotation);
    console.log(`discover criteria: median matches ${matching[Math.floor(matching.length / 2)]}, none for ${totals.filter((n) => n === 0).length}, over 90 % of the listings for ${totals.filter((n) => n > 0.9 * LISTINGS).length}`);
    console.log('slowest criteria, one request at a time, direct:');
    console.table(slowest.map(({ ms, criteria: c, totalCount }) => ({ ms, totalCount, criteria: JSON.stringify(c).slice(0, 120) })));

    const written = writeBenchResult('marketplace', {
      machine: { ...machineInfo(), loadAverage1m: { before: round2(loadBefore[0]), after: round2(loadavg()[0]) } },
      settings: {
        loadGenerator: 'autocannon 8 in this process; the embedded platform (SQLite, log level silent, rate limits off) in a child process; loopback',
        connections: [CONNECTIONS, 1],
        warmupSeconds: { [CONNECTIONS]: WARMUP_SECONDS, 1: ONE_CONNECTION_WARMUP_SECONDS },
        durationSeconds: { [CONNECTIONS]: DURATION_SECONDS, 1: ONE_CONNECTION_SECONDS },
        latency: "per response from autocannon's client events; p50/p99 by nearest rank over every 200 of the timed run",
        errors: 'answers failing their check (reads: byte-identical to the answer checked beforehand; writes: data of the right shape, no errors; non-200s included) + socket errors/timeouts, warm-up and alongside traffic included',
        platformCpu: 'process.cpuUsage() of the platform process (user + system) over the timed run, per request sent (alongside traffic included)',
        direct: 'sent to the community subgraph, each request signed as the gateway signs it',
        callers: { reads: 'ANALYST of the buyers tenant', purchaseAlgorithm: 'TENANT_ADMIN of the buyers tenant, listings of the authors tenant', submitAlgorithm: 'DEVELOPER of the authors tenant' },
        cpuProfile: process.env.BENCH_CPU_PROF ?? null,
      },
      seeding,
      discoverCriteria: {
        distinct: DISTINCT_CRITERIA,
        secondPages: SECOND_PAGES,
        medianMatches: matching[Math.floor(matching.length / 2)],
        matchingNone: totals.filter((n) => n === 0).length,
        matchingOver90Percent: totals.filter((n) => n > 0.9 * LISTINGS).length,
        slowestOneAtATimeDirect: slowest,
      },
      readCache,
      results: rows,
      gatewayOverDirect: ratios,
      targets,
      details: measured.map(({ detail }) => detail),
    });
    console.log(`wrote ${written}`);
  } finally {
    await platform.stop();
  }
}

runBenchmark(main, PLATFORM_ENV);
