import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { eventStoreSettings, readStoreSettings, type EventStoreSettings, type ReadStoreSettings } from './store-settings';

/**
 * Every setting Goliath reads, from environment variables only (DESIGN.md §5). The README's
 * configuration table lists the same names; keep the two in step.
 */
export interface PlatformConfig {
  readonly host: string;
  readonly gatewayPort: number;
  readonly dataDir: string;
  readonly sqliteFile: string;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /** EVENT_STORE, or the URLs: where the event log lives (platform/store-settings.ts). */
  readonly eventStore: EventStoreSettings;
  /** READ_STORE, or the URLs: where the read models live. */
  readonly readStore: ReadStoreSettings;
  readonly keysDir: string;
  readonly tokenIssuer: string;
  readonly tokenAudience: string;
  readonly tokenTtlSeconds: number;
  /** How long a signing key still verifies after the next key was created. */
  readonly signingKeyGraceSeconds: number;
  readonly readYourWritesTimeoutMs: number;
  /** Health endpoints (`/livez`, `/readyz`, `/health`) and how projections retry. */
  readonly health: HealthSettings;
  readonly logLevel: string;
  readonly production: boolean;
  /** GOLIATH_DEBUG_ERRORS=1: error answers carry stack traces (development only; never implied by a missing NODE_ENV). */
  readonly debugErrors: boolean;
  readonly queryLimits: QueryLimits;
  /** Largest QUBO a tenant may store or solve. */
  readonly quboLimits: { readonly maxVariables: number; readonly maxQuadraticTerms: number };
  /** UPLOAD_MAX_BYTES: the largest problem file `createProblemFromFile` accepts, as sent and once decompressed. */
  readonly uploadMaxBytes: number;
  /** The synchronous `optimizeQubo`: its caps, the solver threads each call uses, and how many run or wait at once. */
  readonly optimize: {
    readonly maxTimeMs: number;
    readonly maxVariables: number;
    readonly workers: number;
    /** SOLVER_KERNEL: the solver's inner loops in WebAssembly (`wasm`), JavaScript (`js`), or WebAssembly when built (`auto`). */
    readonly kernel: 'auto' | 'wasm' | 'js';
    readonly concurrentSolves: number;
    readonly queuedSolves: number;
  };
  readonly solveJobs: SolveJobSettings;
  readonly evolution: {
    /** The longest shadow solve evolveConstraints runs, whatever budget users give their solves. */
    readonly shadowMaxTimeMs: number;
    /** How often the trigger runner looks for TIME_BASED triggers that are due. */
    readonly triggerCheckMs: number;
  };
  /** The constraint performance model (subgraphs/optimization/prediction): where its files live and when it is retrained. */
  readonly prediction: {
    /** ML_MODEL_PATH: trained models are kept under `<modelPath>/evolution/`. */
    readonly modelPath: string;
    /** New outcomes since a tenant's newest model that have it retrained; 0 never retrains on its own. */
    readonly retrainAfterOutcomes: number;
    /** How often the retrainer counts them. */
    readonly retrainCheckMs: number;
  };
  /** Predictive scaling (subgraphs/scaling): forecasts, schedules and the scheduler that applies them. */
  readonly scaling: {
    /** PREDICTION_HORIZON (seed name): hours a forecast covers when the request names none. */
    readonly predictionHorizon: number;
    /** SCALING_OPTIMIZATION_ALGORITHM (seed name): `exact` (dynamic programming) or `genetic`. */
    readonly optimizationAlgorithm: 'exact' | 'genetic';
    /** How often every tenant × resource with an active policy is forecast again. */
    readonly forecastRefreshMs: number;
    /** How often the scheduler looks for scaling actions that are due. */
    readonly schedulerCheckMs: number;
  };
  /** The community platform (subgraphs/community): which parts are on, and where listings' files live. */
  readonly community: {
    /** MARKETPLACE_ENABLED (seed name): off, every marketplace operation answers FEATURE_DISABLED. */
    readonly marketplaceEnabled: boolean;
    /** COMMUNITY_FORUM_ENABLED (seed name): off, forums, posts, moderation and events answer FEATURE_DISABLED. */
    readonly forumEnabled: boolean;
    /** ALGORITHM_STORAGE_PATH (seed name): submitted source code, content-addressed. */
    readonly algorithmStoragePath: string;
    /** BENCHMARK_INSTANCES_PATH: a folder of bqp/Gset files to benchmark listings on; unset, instances generated from fixed seeds. */
    readonly benchmarkInstancesPath?: string;
  };
  /** Subgraph URLs for the gateway in split mode (docker-compose); empty in the embedded mode. */
  readonly subgraphUrls: Readonly<Partial<Record<SubgraphName, string>>>;
  /** Port of a subgraph started on its own (`start:subgraph`). */
  readonly subgraphPort?: number;
  readonly rateLimits: RateLimitSettings;
  readonly apiVersions: ApiVersionSettings;
  readonly signIn: SignInSettings;
  readonly compliance: ComplianceSettings;
  readonly inputLimits: InputLimits;
  /** What one WebSocket subscriber and one caller may hold at the gateway. */
  readonly subscriptions: SubscriptionSettings;
  /** Which operations the gateway runs (README, Trusted documents). */
  readonly trustedDocuments: TrustedDocumentsSettings;
  /** Who may read /metrics, and where (README, Metrics). */
  readonly metrics: MetricsSettings;
  /** OpenTelemetry traces (README, Traces); undefined, the default, turns tracing off. */
  readonly tracing?: TracingSettings;
}

/** Where spans are exported; the OTel SDK reads the other standard OTEL_* variables (headers, sampler, service name) itself. */
export interface TracingSettings {
  /** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, or OTEL_EXPORTER_OTLP_ENDPOINT with `/v1/traces` appended (the OTLP/HTTP convention). */
  readonly tracesUrl: string;
}

export interface MetricsSettings {
  /** METRICS_TOKEN: when set, /metrics answers only `Authorization: Bearer <token>`, wherever it is served. */
  readonly token?: string;
  /** METRICS_PORT: /metrics served on a port of its own (bound to HOST) instead of beside the process's other routes. */
  readonly port?: number;
  /** Whether /metrics is served beside a process's other routes: not when METRICS_PORT is set, nor in production without METRICS_TOKEN. */
  readonly onServicePorts: boolean;
}

/** `off`: any document runs (and APQ works); `log`: any runs, unregistered ones are logged; `enforce`: registered ones only. */
export type TrustedDocumentsMode = 'off' | 'log' | 'enforce';

export interface TrustedDocumentsSettings {
  readonly mode: TrustedDocumentsMode;
  /** TRUSTED_DOCUMENTS_PATH: the manifest `goliath documents register` writes and every gateway process reads. */
  readonly manifestPath: string;
}

export interface HealthSettings {
  /** HEALTH_PORT: where the projections process, which serves nothing else, answers health checks. */
  readonly port: number;
  /** READY_MAX_PROJECTION_LAG: how far behind the log a projection may be and count as caught up. */
  readonly readyMaxLag: number;
  /** PROJECTION_RETRY_MAX_DELAY_MS: the longest wait between a projection's attempts after a transient failure. */
  readonly projectionRetryMaxDelayMs: number;
}

/** Background solve jobs: how many run at once, each tenant's share, and how long a runner's claim lasts. */
export interface SolveJobSettings {
  /** Jobs one runner solves at once for tenants without a solver allowance (predictive scaling adds each allowance to it). */
  readonly concurrency: number;
  /** Jobs of one tenant without a solver allowance running at once on a runner. */
  readonly perTenantRunning: number;
  /** The most jobs one runner solves at once, allowances included. */
  readonly maxConcurrency: number;
  /** Unfinished (submitted or running) jobs a tenant may have; submitSolveJob refuses more. */
  readonly perTenantUnfinished: number;
  /** How long a runner's claim on a job lasts without renewal; another runner takes over an expired one. */
  readonly leaseMs: number;
}

/** Enterprise sign-in: sessions, SAML defaults and brute-force protection. */
export interface SignInSettings {
  /** ENTERPRISE_SSO_PROVIDER: the method `authenticate` uses when the caller names none. */
  readonly defaultAuthType: 'SAML' | 'OIDC' | 'LDAP';
  /** SAML_CERT_PATH: PEM file with the IdP signing certificate(s) for SAML providers configured without one. */
  readonly samlCertPath?: string;
  /** Where browsers reach the gateway; SAML ACS and metadata URLs are built from it. */
  readonly publicUrl: string;
  readonly sessionTtlSeconds: number;
  readonly clockSkewSeconds: number;
  /** Failures after which each further attempt waits, doubling from 250 ms up to 8 s. */
  readonly slowDownAfterFailures: number;
  /** Failures of one user (or from one client address) within the window that lock it. */
  readonly userLockoutFailures: number;
  readonly clientLockoutFailures: number;
  readonly lockoutSeconds: number;
  /**
   * PLATFORM_OPERATOR_TENANT: the tenant of the platform's operators, the one tenant whose identity
   * providers may map a group to platform-admin (set up with `goliath operators init`).
   */
  readonly operatorTenantId?: string;
}

/** Bounds of the gateway's WebSocket subscribers (README, Subscriptions). */
export interface SubscriptionSettings {
  /** Events a subscriber reads ahead of what it has sent (its buffer), and between two turns of the event loop. */
  readonly bufferSize: number;
  /** A subscriber about to send an event recorded longer ago than this is ended with SUBSCRIBER_TOO_SLOW. */
  readonly maxLagMs: number;
  /** Operations open at once on one WebSocket; more are refused with TOO_MANY_SUBSCRIPTIONS. */
  readonly perConnection: number;
  /** WebSockets open at once for one caller (token subject); more are closed with TOO_MANY_CONNECTIONS. */
  readonly connectionsPerCaller: number;
}

/**
 * Bounds on every argument of every operation, checked before its resolver runs
 * (platform/graphql/input-limits): what is stored forever must also be foldable by every read model.
 */
export interface InputLimits {
  /** Characters of any one string: a String or ID argument, a list item, a string or key inside JSON. */
  readonly maxStringLength: number;
  /** Items of any one list, typed or inside JSON. */
  readonly maxListLength: number;
  /** Levels of objects and arrays nested in one JSON value. */
  readonly maxJsonDepth: number;
  /** UTF-8 bytes of one JSON value, serialized. */
  readonly maxJsonBytes: number;
  /** Largest absolute value of a number; non-finite numbers are always refused. */
  readonly maxNumberMagnitude: number;
}

/** Which compliance frameworks tenants may enable here, and how long the guard's check may take. */
export interface ComplianceSettings {
  /** Upper-cased, each once; names the compliance catalogue knows when loaded with a ConfigVocabulary. */
  readonly frameworks: readonly string[];
  readonly checkTimeoutMs: number;
}

/** Requests allowed per window at the gateway, per caller, per tenant and per root field; 0 turns one off. */
export interface RateLimitSettings {
  readonly userPoints: number;
  readonly tenantPoints: number;
  readonly operationPoints: number;
  readonly durationSeconds: number;
  /** The most solver time one synchronous solve is charged for: more is refused anyway (OPTIMIZE_MAX_TIME_MS). */
  readonly maxChargedSolveMs: number;
}

/** The API major version the gateway serves and the ones clients may still ask for. */
export interface ApiVersionSettings {
  readonly current: number;
  readonly supported: readonly number[];
}

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxCost: number;
  readonly maxTokens: number;
}

export const SUBGRAPH_NAMES = ['optimization', 'scaling', 'enterprise', 'community'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export function isSubgraphName(name: string): name is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(name);
}

/**
 * What settings are checked against that platform/ cannot know (DESIGN.md §2: the domain's
 * vocabulary is handed in). A process passes it at startup, so a misspelt setting stops it there.
 */
export interface ConfigVocabulary {
  /** Every compliance framework the catalogue has (schema/compliance FRAMEWORK_TYPES). */
  readonly complianceFrameworks: readonly string[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, vocabulary?: ConfigVocabulary): PlatformConfig {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = env[`SUBGRAPH_${name.toUpperCase()}_URL`];
    if (url) subgraphUrls[name] = url;
  }
  const tokenTtlSeconds = integer(env, 'TOKEN_TTL_SECONDS', 900);
  // The synchronous solve's cap is also the most solver time a rate limit charges for one.
  const optimizeMaxTimeMs = integer(env, 'OPTIMIZE_MAX_TIME_MS', 10_000);
  const quboLimits = {
    maxVariables: integer(env, 'QUBO_MAX_VARIABLES', 100_000),
    maxQuadraticTerms: integer(env, 'QUBO_MAX_QUADRATIC_TERMS', 5_000_000),
  };
  return {
    host: env.HOST ?? '127.0.0.1',
    gatewayPort: integer(env, 'PORT', 4000),
    dataDir,
    sqliteFile: env.SQLITE_FILE ? resolve(env.SQLITE_FILE) : join(dataDir, 'goliath.db'),
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL'),
    eventStore: eventStoreSettings(env),
    readStore: readStoreSettings(env),
    keysDir: env.KEYS_DIR ? resolve(env.KEYS_DIR) : join(dataDir, 'keys'),
    tokenIssuer: env.TOKEN_ISSUER ?? 'goliath',
    tokenAudience: env.TOKEN_AUDIENCE ?? 'goliath-api',
    tokenTtlSeconds,
    // A token signed just before a rotation stays valid for its whole life, plus a minute of clock skew.
    signingKeyGraceSeconds: integer(env, 'SIGNING_KEY_GRACE_SECONDS', tokenTtlSeconds + 60),
    readYourWritesTimeoutMs: integer(env, 'READ_YOUR_WRITES_TIMEOUT_MS', 5000),
    health: {
      port: integer(env, 'HEALTH_PORT', 4005),
      readyMaxLag: integer(env, 'READY_MAX_PROJECTION_LAG', 100),
      projectionRetryMaxDelayMs: positiveInteger(env, 'PROJECTION_RETRY_MAX_DELAY_MS', 30_000),
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    production: env.NODE_ENV === 'production',
    debugErrors: env.GOLIATH_DEBUG_ERRORS === '1',
    queryLimits: {
      maxDepth: integer(env, 'QUERY_MAX_DEPTH', 10),
      maxAliases: integer(env, 'QUERY_MAX_ALIASES', 15),
      maxCost: integer(env, 'QUERY_MAX_COST', 5000),
      maxTokens: integer(env, 'QUERY_MAX_TOKENS', 1000),
    },
    quboLimits,
    // bqp1000.gz decompressed is 6.5 MB; sent as text in JSON (each newline escaped) it is 7.0 MB.
    uploadMaxBytes: positiveInteger(env, 'UPLOAD_MAX_BYTES', 8 * 1024 * 1024),
    optimize: {
      maxTimeMs: optimizeMaxTimeMs,
      maxVariables: integer(env, 'OPTIMIZE_MAX_VARIABLES', 5_000),
      workers: integer(env, 'SOLVER_WORKERS', Math.max(1, availableParallelism())),
      kernel: oneOf(env, 'SOLVER_KERNEL', ['auto', 'wasm', 'js'] as const, 'auto'),
      concurrentSolves: Math.max(1, integer(env, 'OPTIMIZE_CONCURRENT_SOLVES', 2)),
      queuedSolves: integer(env, 'OPTIMIZE_QUEUED_SOLVES', 16),
    },
    evolution: {
      shadowMaxTimeMs: Math.max(10, integer(env, 'EVOLUTION_SHADOW_MAX_MS', 1_000)),
      triggerCheckMs: Math.max(100, integer(env, 'EVOLUTION_TRIGGER_CHECK_MS', 30_000)),
    },
    scaling: {
      predictionHorizon: positiveInteger(env, 'PREDICTION_HORIZON', 24),
      optimizationAlgorithm: oneOf(env, 'SCALING_OPTIMIZATION_ALGORITHM', ['exact', 'genetic'] as const, 'exact'),
      forecastRefreshMs: Math.max(1_000, integer(env, 'SCALING_FORECAST_REFRESH_MS', 6 * 3_600_000)),
      schedulerCheckMs: Math.max(50, integer(env, 'SCALING_SCHEDULER_CHECK_MS', 30_000)),
    },
    prediction: {
      modelPath: env.ML_MODEL_PATH ? resolve(env.ML_MODEL_PATH) : join(dataDir, 'models'),
      retrainAfterOutcomes: integer(env, 'EVOLUTION_MODEL_RETRAIN_AFTER', 200),
      retrainCheckMs: Math.max(100, integer(env, 'EVOLUTION_MODEL_RETRAIN_CHECK_MS', 60_000)),
    },
    community: {
      marketplaceEnabled: flag(env, 'MARKETPLACE_ENABLED', true),
      forumEnabled: flag(env, 'COMMUNITY_FORUM_ENABLED', true),
      algorithmStoragePath: env.ALGORITHM_STORAGE_PATH ? resolve(env.ALGORITHM_STORAGE_PATH) : join(dataDir, 'algorithms'),
      benchmarkInstancesPath: env.BENCHMARK_INSTANCES_PATH ? resolve(env.BENCHMARK_INSTANCES_PATH) : undefined,
    },
    solveJobs: {
      concurrency: integer(env, 'SOLVE_JOBS_CONCURRENCY', 2),
      perTenantRunning: integer(env, 'SOLVE_JOBS_PER_TENANT', 1),
      maxConcurrency: integer(env, 'SOLVE_JOBS_MAX_CONCURRENCY', 8),
      perTenantUnfinished: integer(env, 'SOLVE_JOBS_UNFINISHED_PER_TENANT', 25),
      leaseMs: integer(env, 'SOLVE_JOB_LEASE_MS', 15_000),
    },
    subgraphUrls,
    subgraphPort: env.SUBGRAPH_PORT ? integer(env, 'SUBGRAPH_PORT', 0) : undefined,
    // High enough that one token driving the gateway flat out (bench:gateway) is never refused;
    // lower them per deployment to what a fair share of the capacity is.
    rateLimits: {
      userPoints: integer(env, 'RATE_LIMIT_USER_POINTS', 10_000),
      tenantPoints: integer(env, 'RATE_LIMIT_TENANT_POINTS', 20_000),
      operationPoints: integer(env, 'RATE_LIMIT_OPERATION_POINTS', 20_000),
      durationSeconds: positiveInteger(env, 'RATE_LIMIT_DURATION_SECONDS', 1),
      maxChargedSolveMs: optimizeMaxTimeMs,
    },
    apiVersions: apiVersions(env),
    signIn: signInSettings(env),
    compliance: {
      frameworks: complianceFrameworks(env, vocabulary?.complianceFrameworks),
      checkTimeoutMs: positiveInteger(env, 'COMPLIANCE_CHECK_TIMEOUT_MS', 1000),
    },
    inputLimits: inputLimits(env, quboLimits),
    subscriptions: {
      bufferSize: positiveInteger(env, 'SUBSCRIPTION_BUFFER_EVENTS', 256),
      maxLagMs: positiveInteger(env, 'SUBSCRIPTION_MAX_LAG_MS', 30_000),
      perConnection: positiveInteger(env, 'SUBSCRIPTIONS_PER_CONNECTION', 20),
      connectionsPerCaller: positiveInteger(env, 'SUBSCRIPTION_CONNECTIONS_PER_CALLER', 10),
    },
    trustedDocuments: {
      mode: oneOf(env, 'TRUSTED_DOCUMENTS', ['off', 'log', 'enforce'] as const, 'off'),
      manifestPath: env.TRUSTED_DOCUMENTS_PATH ? resolve(env.TRUSTED_DOCUMENTS_PATH) : join(dataDir, 'trusted-documents.json'),
    },
    metrics: metricsSettings(env),
    tracing: tracingSettings(env),
  };
}

function tracingSettings(env: NodeJS.ProcessEnv): TracingSettings | undefined {
  const name = (['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT'] as const).find((variable) => env[variable]);
  if (name === undefined) return undefined;
  const url = env[name]!;
  if (!/^https?:\/\/[^/]/.test(url) || !URL.canParse(url)) {
    throw new Error(`Environment variable ${name} must be the http(s) URL of an OTLP/HTTP collector (e.g. http://localhost:4318), got "${url}"`);
  }
  return { tracesUrl: name === 'OTEL_EXPORTER_OTLP_ENDPOINT' ? `${url.replace(/\/+$/, '')}/v1/traces` : url };
}

function metricsSettings(env: NodeJS.ProcessEnv): MetricsSettings {
  const token = env.METRICS_TOKEN || undefined;
  if (token !== undefined && token.length < 16) throw new Error('Environment variable METRICS_TOKEN must be at least 16 characters long (e.g. from `openssl rand -hex 32`)');
  const port = env.METRICS_PORT ? positiveInteger(env, 'METRICS_PORT', 0) : undefined;
  // Production never shows metrics to anyone who asks: a token, or a port of their own kept off the public network.
  return { token, port, onServicePorts: port === undefined && (env.NODE_ENV !== 'production' || token !== undefined) };
}

function inputLimits(env: NodeJS.ProcessEnv, qubo: PlatformConfig['quboLimits']): InputLimits {
  return {
    maxStringLength: positiveInteger(env, 'INPUT_MAX_STRING_LENGTH', 100_000),
    // A QUBO's term and variable lists are bounded by the model's own limits (PROBLEM_TOO_LARGE);
    // this one never undercuts them, so a problem the model accepts is never refused here.
    maxListLength: positiveInteger(env, 'INPUT_MAX_LIST_LENGTH', Math.max(qubo.maxVariables, qubo.maxQuadraticTerms, 1)),
    // Far below SQLite's JSON nesting limit (1,000), with room for the envelope an event puts around a value.
    maxJsonDepth: positiveInteger(env, 'INPUT_MAX_JSON_DEPTH', 32),
    maxJsonBytes: positiveInteger(env, 'INPUT_MAX_JSON_BYTES', 65_536),
    // Doubles represent every integer up to 2^53 (~9e15), and sums and penalty products of numbers this size stay finite.
    maxNumberMagnitude: positiveInteger(env, 'INPUT_MAX_NUMBER_MAGNITUDE', 1e15),
  };
}

function signInSettings(env: NodeJS.ProcessEnv): SignInSettings {
  const defaultAuthType = (env.ENTERPRISE_SSO_PROVIDER ?? 'saml').toUpperCase();
  if (defaultAuthType !== 'SAML' && defaultAuthType !== 'OIDC' && defaultAuthType !== 'LDAP') {
    throw new Error(`ENTERPRISE_SSO_PROVIDER must be saml, oidc or ldap, got "${env.ENTERPRISE_SSO_PROVIDER}"`);
  }
  return {
    defaultAuthType,
    samlCertPath: env.SAML_CERT_PATH ? resolve(env.SAML_CERT_PATH) : undefined,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 4000}`).replace(/\/+$/, ''),
    sessionTtlSeconds: positiveInteger(env, 'SESSION_TTL_SECONDS', 8 * 3600),
    clockSkewSeconds: integer(env, 'AUTH_CLOCK_SKEW_SECONDS', 60),
    slowDownAfterFailures: positiveInteger(env, 'AUTH_SLOWDOWN_AFTER_FAILURES', 3),
    userLockoutFailures: positiveInteger(env, 'AUTH_LOCKOUT_AFTER_FAILURES', 10),
    clientLockoutFailures: positiveInteger(env, 'AUTH_CLIENT_LOCKOUT_AFTER_FAILURES', 50),
    lockoutSeconds: positiveInteger(env, 'AUTH_LOCKOUT_SECONDS', 900),
    operatorTenantId: env.PLATFORM_OPERATOR_TENANT || undefined,
  };
}

function complianceFrameworks(env: NodeJS.ProcessEnv, known: readonly string[] | undefined): string[] {
  const raw = env.COMPLIANCE_FRAMEWORKS || 'SOC2,ISO27001,GDPR';
  const names = raw.split(',').map((name) => name.trim().toUpperCase()).filter((name) => name !== '');
  const unknown = names.filter((name) => known !== undefined && !known.includes(name));
  if (known && unknown.length > 0) {
    throw new Error(`Environment variable COMPLIANCE_FRAMEWORKS lists unknown frameworks (${unknown.join(', ')}); known: ${known.join(', ')}`);
  }
  return [...new Set(names)];
}

function apiVersions(env: NodeJS.ProcessEnv): ApiVersionSettings {
  const current = positiveInteger(env, 'API_VERSION', 1);
  const raw = env.API_SUPPORTED_VERSIONS;
  if (raw === undefined || raw === '') return { current, supported: [current] };
  const supported = raw.split(',').map((part) => Number(part.trim()));
  if (supported.some((version) => !Number.isInteger(version) || version < 1)) {
    throw new Error(`Environment variable API_SUPPORTED_VERSIONS must list positive integers separated by commas, got "${raw}"`);
  }
  if (!supported.includes(current)) {
    throw new Error(`API_SUPPORTED_VERSIONS ("${raw}") must include API_VERSION (${current})`);
  }
  return { current, supported: [...new Set(supported)].sort((a, b) => a - b) };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = integer(env, name, fallback);
  if (value === 0) throw new Error(`Environment variable ${name} must be at least 1`);
  return value;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`Environment variable ${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`Environment variable ${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** `true`/`false` (also `1`/`0`, any case); anything else is refused so a typo never flips a feature. */
function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error(`Environment variable ${name} must be true or false, got "${env[name]}"`);
}
