/**
 * `npm run bench:auth`: what issue 4 asks of sign-in, "token verifications per second at the
 * gateway and sign-in latency p50/p99 per method".
 *
 * The embedded platform runs in a child process (as in bench:gateway); this process is the load
 * generator, the OIDC issuer, the SAML IdP (which only signs, ahead of time) and the parent of a
 * real slapd.
 *
 * 1. Token verification. The request is `POST /graphql {"query":"{ __typename }"}`: the gateway
 *    parses the Authorization header and verifies the bearer token while building the request
 *    context (gateway/gateway-context.ts), then answers `__typename` from an empty query plan, so
 *    no subgraph is called. Rate limits are switched off in the child (RATE_LIMIT_*_POINTS=0) so
 *    that nothing but the token check differs between the runs:
 *      a. no token (the same request without any token check: the baseline),
 *      b. one token on every request (the verified-token cache's hit path),
 *      c. a pool of TOKEN_POOL distinct tokens, one per request in turn. The cache keeps 10,000
 *         tokens and drops the oldest first, so cycling twice as many means every request carries
 *         a token the process no longer remembers: one ES256 verification per request.
 *    `{ __typename }` answers the same with or without a valid token, so every pooled token is
 *    first verified in this process (that loop is also the raw `verifyPlatformToken` figure) and a
 *    sample of them is sent to the gateway on a query that needs one.
 * 2. Sign-in latency per method through the gateway (`authenticate`): SAML, OIDC and LDAP (against
 *    slapd when it is installed). Each call signs in a distinct user who maps to ANALYST (a first
 *    sign-in: the user is registered and a session started), with credentials made before timing:
 *    SAML responses are signed and OIDC id tokens issued ahead, so the IdP's cost is not counted.
 *    SIGN_IN_WARMUP calls, then SIGN_IN_SEQUENTIAL one after another, then SIGN_IN_CONCURRENT
 *    with SIGN_IN_IN_FLIGHT in flight. Successes never count against the brute-force guard; its
 *    limits are raised anyway.
 * Prints the tables and writes bench/results/auth.json.
 */
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { verifyPlatformToken } from '../platform/auth/platform-token';
import { SigningKeyRing } from '../platform/auth/signing-key-ring';
import { createPlatformTokenIssuer, tokenSettings } from '../platform/auth/token-issuer';
import { rememberVerifiedTokens } from '../platform/auth/verified-token-cache';
import { loadConfig } from '../platform/config';
import { startOidcIssuer, type TestOidcIssuer } from '../test/support/oidc-issuer';
import { createTestIdentityProvider } from '../test/support/saml-identity-provider';
import { GROUPS_BASE, PEOPLE_BASE, SERVICE_DN, SERVICE_PASSWORD, SLAPD_BINARY, startSlapd, type TestSlapd, type TestUser } from '../test/support/slapd';
import { machineInfo, sized, writeBenchResult } from './bench-results';
import { latencyFigures, percentile, round2, runBenchmark, startPlatformChild, type PlatformChild } from './platform-child';

const CONNECTIONS = 50;
const WARMUP_SECONDS = sized(3, 1);
const DURATION_SECONDS = sized(10, 1);
/** Twice the verified-token cache's 10,000 entries (platform/auth/verified-token-cache.ts). */
const TOKEN_POOL = sized(20_000, 100);
const TOKENS_CHECKED_AT_GATEWAY = sized(20, 2);
const IN_PROCESS_WARMUP = sized(1_000, 10);
const CACHE_HIT_LOOKUPS = sized(200_000, 1_000);
const SIGN_IN_WARMUP = sized(20, 2);
const SIGN_IN_SEQUENTIAL = sized(200, 4);
const SIGN_IN_CONCURRENT = sized(400, 8);
const SIGN_IN_IN_FLIGHT = 8;
const SIGN_INS_PER_METHOD = SIGN_IN_WARMUP + SIGN_IN_SEQUENTIAL + SIGN_IN_CONCURRENT;
const TYPENAME_QUERY = '{ __typename }';
/** The exact bytes Apollo Server answers (its JSON ends with a newline); every timed response must match. */
const EXPECTED_TYPENAME_BODY = '{"data":{"__typename":"Query"}}\n';
const AUTHENTICATE = 'mutation ($input: AuthenticateInput!) { authenticate(input: $input) { isAuthenticated roles accessToken } }';
const MAPPED_GROUP = 'analysts';

/** Settings of the platform child: no rate limit in the way of the token runs, no lockout in the way of sign-ins. */
const PLATFORM_ENV = {
  RATE_LIMIT_USER_POINTS: '0',
  RATE_LIMIT_TENANT_POINTS: '0',
  RATE_LIMIT_OPERATION_POINTS: '0',
  AUTH_SLOWDOWN_AFTER_FAILURES: '1000000',
  AUTH_LOCKOUT_AFTER_FAILURES: '1000000',
  AUTH_CLIENT_LOCKOUT_AFTER_FAILURES: '1000000',
};

interface GraphQLAnswer<T> {
  readonly status: number;
  readonly body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post<T>(url: string, query: string, options: { token?: string; variables?: Record<string, unknown> } = {}): Promise<GraphQLAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.token && { authorization: `Bearer ${options.token}` }) },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLAnswer<T>['body'] };
}

async function data<T>(answer: Promise<GraphQLAnswer<T>>, what: string): Promise<T> {
  const { status, body } = await answer;
  if (status !== 200 || body.errors || !body.data) throw new Error(`${what} failed (HTTP ${status}): ${JSON.stringify(body)}`);
  return body.data;
}

// --- 1. token verification --------------------------------------------------------------------


type TokenSource = { readonly kind: 'none' } | { readonly kind: 'one'; readonly token: string } | { readonly kind: 'pool'; readonly tokens: readonly string[] };

interface TokenRow {
  readonly scenario: string;
  readonly connections: number;
  readonly 'requests/s': number;
  readonly 'ES256 verifications/s': number;
  readonly 'p50 (ms)': number;
  readonly 'p99 (ms)': number;
  readonly 'platform CPU/request (ms)': number;
  readonly requests: number;
  readonly errors: number;
}

/** Hands out the pool's tokens in turn, across warm-up and timed run, so no token comes back before TOKEN_POOL others. */
function tokenCycle(tokens: readonly string[]) {
  let next = 0;
  return () => tokens[next++ % tokens.length];
}

async function typenameLoad(platform: PlatformChild, source: TokenSource, nextPooled: (() => string) | undefined, seconds: number) {
  const latencies: number[] = [];
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (source.kind === 'one') headers.authorization = `Bearer ${source.token}`;
  const request: autocannon.Request = { method: 'POST', path: new URL(platform.handle.gatewayUrl).pathname, headers, body: JSON.stringify({ query: TYPENAME_QUERY }) };
  if (nextPooled) {
    request.setupRequest = (built) => ({ ...built, headers: { ...built.headers, authorization: `Bearer ${nextPooled()}` } });
  }
  const cpuBefore = await platform.cpuMs();
  const result = await autocannon({
    url: platform.handle.gatewayUrl,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [request],
    setupClient: (client) => {
      client.on('response', (statusCode: number, _bytes: number, responseTime: number) => {
        if (statusCode === 200) latencies.push(responseTime);
      });
    },
    verifyBody: (body) => body === EXPECTED_TYPENAME_BODY,
  });
  const cpu = (await platform.cpuMs()) - cpuBefore;
  const { completed, requestsPerSecond, p50, p99 } = latencyFigures(latencies, result.duration);
  return {
    completed,
    requestsPerSecond,
    p50,
    p99,
    cpuMsPerRequest: cpu / Math.max(1, result.requests.total),
    errors: result.non2xx + result.mismatches + result.errors + result.timeouts,
  };
}

async function tokenScenario(platform: PlatformChild, name: string, source: TokenSource, verificationsPerRequest: number) {
  const nextPooled = source.kind === 'pool' ? tokenCycle(source.tokens) : undefined;
  const warmup = await typenameLoad(platform, source, nextPooled, WARMUP_SECONDS);
  const run = await typenameLoad(platform, source, nextPooled, DURATION_SECONDS);
  const row: TokenRow = {
    scenario: name,
    connections: CONNECTIONS,
    'requests/s': Math.round(run.requestsPerSecond),
    'ES256 verifications/s': Math.round(run.requestsPerSecond * verificationsPerRequest),
    'p50 (ms)': round2(run.p50),
    'p99 (ms)': round2(run.p99),
    'platform CPU/request (ms)': Math.round(run.cpuMsPerRequest * 1000) / 1000,
    requests: run.completed,
    errors: run.errors + warmup.errors,
  };
  return { row, platformCpuMsPerRequest: run.cpuMsPerRequest };
}

/** Raw `verifyPlatformToken` in this process, one token after another: every pooled token once (which also proves each valid). */
async function inProcessVerification(keysDir: string, tokens: readonly string[], tenantId: string) {
  const config = loadConfig({ ...process.env, KEYS_DIR: keysDir });
  const ring = await SigningKeyRing.open(keysDir, { graceSeconds: config.signingKeyGraceSeconds });
  const settings = tokenSettings(config);
  const check = (auth: { roles: readonly string[]; tenantId?: string }) => {
    if (auth.tenantId !== tenantId || auth.roles[0] !== 'ANALYST') throw new Error(`A pooled token verified as ${JSON.stringify(auth)}`);
  };
  for (let i = 0; i < IN_PROCESS_WARMUP; i++) check(await verifyPlatformToken(ring, settings, tokens[i]));
  const started = performance.now();
  for (const token of tokens) check(await verifyPlatformToken(ring, settings, token));
  const verifyMs = performance.now() - started;

  const cached = rememberVerifiedTokens((token) => verifyPlatformToken(ring, settings, token));
  await cached(tokens[0]);
  const hitsStarted = performance.now();
  for (let i = 0; i < CACHE_HIT_LOOKUPS; i++) await cached(tokens[0]);
  const hitsMs = performance.now() - hitsStarted;
  return {
    verificationsPerSecond: Math.round((tokens.length / verifyMs) * 1000),
    microsecondsPerVerification: round2((verifyMs * 1000) / tokens.length),
    cacheHitsPerSecond: Math.round((CACHE_HIT_LOOKUPS / hitsMs) * 1000),
  };
}

// --- 2. sign-in latency -----------------------------------------------------------------------

interface SignInRun {
  readonly calls: number;
  readonly inFlight: number;
  readonly latencies: Float64Array;
  readonly wallMs: number;
  readonly errors: number;
  readonly firstError?: string;
  readonly platformCpuMs: number;
}

/** Sends each prepared `authenticate` body once, `inFlight` at a time; a call counts only if it answers a session with the ANALYST role. */
async function signInRun(platform: PlatformChild, bodies: readonly string[], inFlight: number): Promise<SignInRun> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const started = performance.now();
      const response = await fetch(platform.handle.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.text();
      const elapsed = performance.now() - started;
      const answer = JSON.parse(text) as { data?: { authenticate?: { isAuthenticated: boolean; roles: string[]; accessToken: string } }; errors?: unknown };
      const result = answer.data?.authenticate;
      if (response.status === 200 && !answer.errors && result?.isAuthenticated && result.roles.join() === 'ANALYST' && result.accessToken) {
        latencies.push(elapsed);
      } else {
        errors++;
        firstError ??= `HTTP ${response.status}: ${text.slice(0, 500)}`;
      }
    }
  };
  const cpuBefore = await platform.cpuMs();
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const wallMs = performance.now() - started;
  const platformCpuMs = (await platform.cpuMs()) - cpuBefore;
  return { calls: bodies.length, inFlight, latencies: Float64Array.from(latencies).sort(), wallMs, errors, firstError, platformCpuMs };
}

interface SignInRow {
  readonly method: string;
  readonly 'in flight': number;
  readonly calls: number;
  readonly 'p50 (ms)': number;
  readonly 'p99 (ms)': number;
  readonly 'max (ms)': number;
  readonly 'sign-ins/s': number;
  readonly 'platform CPU/sign-in (ms)': number;
  readonly errors: number;
}

function signInRow(method: string, run: SignInRun, warmupErrors: number): SignInRow {
  return {
    method,
    'in flight': run.inFlight,
    calls: run.calls,
    'p50 (ms)': round2(percentile(run.latencies, 50)),
    'p99 (ms)': round2(percentile(run.latencies, 99)),
    'max (ms)': round2(run.latencies[run.latencies.length - 1] ?? Number.NaN),
    'sign-ins/s': round2((run.latencies.length / run.wallMs) * 1000),
    'platform CPU/sign-in (ms)': round2(run.platformCpuMs / run.calls),
    errors: run.errors + warmupErrors,
  };
}

async function measureSignIns(platform: PlatformChild, method: string, bodies: readonly string[]) {
  const warmup = await signInRun(platform, bodies.slice(0, SIGN_IN_WARMUP), 1);
  const sequential = await signInRun(platform, bodies.slice(SIGN_IN_WARMUP, SIGN_IN_WARMUP + SIGN_IN_SEQUENTIAL), 1);
  const concurrent = await signInRun(platform, bodies.slice(SIGN_IN_WARMUP + SIGN_IN_SEQUENTIAL), SIGN_IN_IN_FLIGHT);
  const firstError = warmup.firstError ?? sequential.firstError ?? concurrent.firstError;
  if (firstError) console.error(`${method}: first refused sign-in: ${firstError}`);
  return [signInRow(method, sequential, warmup.errors), signInRow(method, concurrent, 0)];
}

const authenticateBody = (input: Record<string, unknown>) => JSON.stringify({ query: AUTHENTICATE, variables: { input } });
const range = (count: number) => Array.from({ length: count }, (_, i) => i);

// --- main -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const platform = await startPlatformChild(__filename);
  let issuer: TestOidcIssuer | undefined;
  let directory: TestSlapd | undefined;
  try {
    const { gatewayUrl, keysDir, adminToken } = platform.handle;
    const origin = new URL(gatewayUrl).origin;
    const tenantId = (await data(post<{ createTenant: { id: string } }>(gatewayUrl, 'mutation { createTenant(input: { name: "Bench sign-in" }) { id } }', { token: adminToken }), 'createTenant'))
      .createTenant.id;
    const configure = (input: Record<string, unknown>) =>
      data(
        post(gatewayUrl, 'mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id } }', {
          token: adminToken,
          variables: { input: { tenantId, roleMappings: [{ group: MAPPED_GROUP, role: 'ANALYST' }], ...input } },
        }),
        `configureIdentityProvider ${String(input.type)}`,
      );

    // --- 1. token verification ---
    const issue = await createPlatformTokenIssuer({ ...loadConfig({ ...process.env, KEYS_DIR: keysDir }), keysDir });
    const pool: string[] = [];
    for (const i of range(TOKEN_POOL)) pool.push(await issue({ subject: `bench-user-${i}`, roles: ['ANALYST'], tenantId, authMethod: 'development' }));
    const inProcess = await inProcessVerification(keysDir, pool, tenantId);
    const problems = 'query ($t: ID!) { problems(tenantId: $t) { edges { node { id } } } }';
    for (const token of pool.slice(-TOKENS_CHECKED_AT_GATEWAY)) await data(post(gatewayUrl, problems, { token, variables: { t: tenantId } }), 'a pooled token at the gateway');
    for (const token of [undefined, pool[0]]) {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
        body: JSON.stringify({ query: TYPENAME_QUERY }),
      });
      const text = await response.text();
      if (response.status !== 200 || text !== EXPECTED_TYPENAME_BODY) throw new Error(`{ __typename } answered HTTP ${response.status}: ${JSON.stringify(text)}`);
    }

    const noToken = await tokenScenario(platform, '{ __typename }, no token (baseline)', { kind: 'none' }, 0);
    const oneToken = await tokenScenario(platform, '{ __typename }, one token reused (cache hit)', { kind: 'one', token: pool[0] }, 0);
    const distinct = await tokenScenario(platform, `{ __typename }, ${TOKEN_POOL.toLocaleString('en')} distinct tokens (ES256 verify)`, { kind: 'pool', tokens: pool }, 1);
    const tokenRows = [noToken.row, oneToken.row, distinct.row];
    console.table(tokenRows);
    const gatewayVerifyCpuMs = Math.round((distinct.platformCpuMsPerRequest - oneToken.platformCpuMsPerRequest) * 1000) / 1000;
    const inProcessRows = [
      { measure: 'verifyPlatformToken, distinct tokens, one after another', 'per second': inProcess.verificationsPerSecond, 'µs each': inProcess.microsecondsPerVerification },
      { measure: 'verified-token cache hit (rememberVerifiedTokens)', 'per second': inProcess.cacheHitsPerSecond, 'µs each': round2(1e6 / inProcess.cacheHitsPerSecond) },
    ];
    console.table(inProcessRows);
    console.log(`Gateway CPU of one ES256 verification (distinct − cached, per request): ${gatewayVerifyCpuMs} ms`);

    // --- 2. sign-in latency ---
    const serviceProvider = { entityId: `${origin}/auth/saml/${tenantId}/metadata`, acsUrl: `${origin}/auth/saml/${tenantId}/acs` };
    const idp = await createTestIdentityProvider({ serviceProvider, ssoUrl: 'http://127.0.0.1:9/sso' });
    await configure({
      name: 'Bench SAML',
      type: 'SAML',
      saml: { idpEntityId: idp.entityId, ssoUrl: idp.ssoUrl, signingCertificates: [idp.certificatePem], spEntityId: serviceProvider.entityId, acsUrl: serviceProvider.acsUrl },
    });
    issuer = await startOidcIssuer();
    await configure({ name: 'Bench OIDC', type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' } });

    let ldapSkipped: string | undefined;
    const ldapUsers: TestUser[] = range(SIGN_INS_PER_METHOD).map((i) => ({
      uid: `bench-${i}`,
      password: `bench-${i}-password`,
      cn: `Bench User ${i}`,
      mail: `bench-${i}@goliath.test`,
      groups: [MAPPED_GROUP],
    }));
    if (!existsSync(SLAPD_BINARY)) {
      ldapSkipped = `${SLAPD_BINARY} is not installed (Debian: apt-get install -y slapd ldap-utils)`;
    } else {
      try {
        directory = await startSlapd({ users: ldapUsers });
        const { url, searchFilter } = directory.settings();
        await configure({
          name: 'Bench LDAP',
          type: 'LDAP',
          ldap: { url, bindDn: SERVICE_DN, bindPassword: SERVICE_PASSWORD, searchBase: PEOPLE_BASE, searchFilter, groupSearchBase: GROUPS_BASE, startTls: false },
        });
      } catch (error) {
        ldapSkipped = `slapd did not start: ${error instanceof Error ? error.message : String(error)}`;
      }
    }

    // Each method's credentials are made just before its runs (SAML responses are valid for 5
    // minutes), and all before timing, so that signing them is not timed.
    const samlBodies = range(SIGN_INS_PER_METHOD).map((i) =>
      authenticateBody({
        authType: 'SAML',
        tenantId,
        assertion: idp.signedResponse({ nameId: `saml-${i}@bench.goliath.test`, attributes: { email: `saml-${i}@bench.goliath.test`, groups: [MAPPED_GROUP] } }),
      }),
    );
    const signInRows = await measureSignIns(platform, 'SAML', samlBodies);
    const oidcBodies: string[] = [];
    for (const i of range(SIGN_INS_PER_METHOD)) {
      const idToken = await issuer.issueIdToken({ sub: `oidc-${i}`, email: `oidc-${i}@bench.goliath.test`, groups: [MAPPED_GROUP] });
      oidcBodies.push(authenticateBody({ authType: 'OIDC', tenantId, idToken }));
    }
    signInRows.push(...(await measureSignIns(platform, 'OIDC', oidcBodies)));
    if (!ldapSkipped) {
      const ldapBodies = ldapUsers.map((user) => authenticateBody({ authType: 'LDAP', tenantId, username: user.uid, password: user.password }));
      signInRows.push(...(await measureSignIns(platform, 'LDAP (slapd)', ldapBodies)));
    }
    console.table(signInRows);
    const totalErrors = [...tokenRows, ...signInRows].reduce((sum, row) => sum + row.errors, 0);
    if (totalErrors > 0) console.error(`${totalErrors} requests failed or answered something else than expected: the figures above are not clean.`);
    if (ldapSkipped) console.log(`LDAP skipped: ${ldapSkipped}`);

    const written = writeBenchResult('auth', {
      machine: {
        ...machineInfo(),
        // Other work on the machine during the run shows here (2 cores: platform, load generator, slapd).
        loadAverage1m: { before: round2(loadBefore[0]), after: round2(loadavg()[0]) },
      },
      settings: {
        loadGenerator: 'this process (autocannon 8 for token runs, fetch for sign-ins); the embedded platform (SQLite synchronous=FULL, log level silent) in a child process; loopback',
        platformEnv: PLATFORM_ENV,
        tokenRequest: `POST /graphql ${JSON.stringify({ query: TYPENAME_QUERY })}: the gateway verifies the bearer token while building the context, then answers from an empty query plan (no subgraph call)`,
        tokenRuns: { connections: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, durationSeconds: DURATION_SECONDS, tokenPool: TOKEN_POOL, verifiedTokenCacheEntries: 10_000 },
        signIns: {
          perMethod: { warmup: SIGN_IN_WARMUP, sequential: SIGN_IN_SEQUENTIAL, concurrent: SIGN_IN_CONCURRENT, inFlight: SIGN_IN_IN_FLIGHT },
          users: 'a distinct user per call (first sign-in: user registered, session started), mapped group -> ANALYST',
          credentials: 'made before timing: SAML responses signed by the test IdP (RSA-SHA256), OIDC id tokens by the local issuer (RS256), LDAP users seeded in slapd',
          latency: 'per call from request sent to body read (fetch, kept-alive connections); p50/p99 by nearest rank over successful calls; sign-ins/s = successes / wall time',
        },
        ldap: ldapSkipped ? { skipped: ldapSkipped } : { server: 'OpenLDAP slapd (back_mdb) on loopback, a child of this process' },
      },
      tokenVerification: {
        gateway: tokenRows,
        gatewayCpuMsPerEs256Verification: gatewayVerifyCpuMs,
        inProcess: {
          verifyPlatformTokenPerSecond: inProcess.verificationsPerSecond,
          microsecondsPerVerification: inProcess.microsecondsPerVerification,
          cacheHitsPerSecond: inProcess.cacheHitsPerSecond,
          tokens: TOKEN_POOL,
        },
      },
      signIn: signInRows,
    });
    console.log(`wrote ${written}`);
  } finally {
    await issuer?.stop();
    await directory?.stop();
    await platform.stop();
  }
}

runBenchmark(main, PLATFORM_ENV);
