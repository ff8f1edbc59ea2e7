import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProjectionHealth } from '../health/health-report';
import type { ProjectionsView } from '../health/health-check';
import { ObservedSources } from './observed-sources';

/**
 * The one registry of this process: Node's own metrics (CPU, memory, event-loop delay, GC) and
 * every metric Goliath defines, below, by the name Prometheus and the Grafana dashboard
 * (deploy/grafana/dashboards/goliath.json) know it by; the README's "Metrics" section says what
 * each means. Labels take values from small closed sets, or through a BoundedLabel.
 *
 * Every server of the process serves it at /metrics, so where several servers share a process
 * (the embedded platform the tests start) each answers the same figures; series of one subgraph
 * carry its name in a `subgraph` label.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const registers = [registry];

/** Seconds, from a request answered from memory to a slow four-subgraph operation. */
const REQUEST_SECONDS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const gatewayRequests = new Counter({
  name: 'goliath_gateway_requests_total',
  help: 'GraphQL requests the gateway answered over HTTP, by operation name (__anonymous, __unknown when it never resolved, __other past the first 200 names), operation type and HTTP status.',
  labelNames: ['operation', 'operation_type', 'status'] as const,
  registers,
});

export const gatewayRequestDuration = new Histogram({
  name: 'goliath_gateway_request_duration_seconds',
  help: 'Time from a GraphQL request reaching the gateway to its answer, by operation name and type.',
  labelNames: ['operation', 'operation_type'] as const,
  buckets: REQUEST_SECONDS,
  registers,
});

export const gatewayErrors = new Counter({
  name: 'goliath_gateway_errors_total',
  help: 'Errors in the gateway\'s answers, by extensions.code (each code counted once per request).',
  labelNames: ['code'] as const,
  registers,
});

export const subgraphFetches = new Counter({
  name: 'goliath_gateway_subgraph_fetches_total',
  help: 'Requests the gateway sent to a subgraph, by subgraph and outcome: the HTTP status answered, or "unreachable".',
  labelNames: ['subgraph', 'outcome'] as const,
  registers,
});

export const subgraphFetchDuration = new Histogram({
  name: 'goliath_gateway_subgraph_fetch_duration_seconds',
  help: 'Time from the gateway sending a request to a subgraph to having its whole answer.',
  labelNames: ['subgraph'] as const,
  buckets: REQUEST_SECONDS,
  registers,
});

export const subgraphRequests = new Counter({
  name: 'goliath_subgraph_requests_total',
  help: 'GraphQL requests a subgraph server answered, by subgraph, operation type and HTTP status.',
  labelNames: ['subgraph', 'operation_type', 'status'] as const,
  registers,
});

export const subgraphRequestDuration = new Histogram({
  name: 'goliath_subgraph_request_duration_seconds',
  help: 'Time a subgraph server took to answer a GraphQL request.',
  labelNames: ['subgraph', 'operation_type'] as const,
  buckets: REQUEST_SECONDS,
  registers,
});

export const subgraphErrors = new Counter({
  name: 'goliath_subgraph_errors_total',
  help: 'Errors in a subgraph\'s answers, by subgraph and extensions.code.',
  labelNames: ['subgraph', 'code'] as const,
  registers,
});

export const rateLimitRefusals = new Counter({
  name: 'goliath_rate_limit_refusals_total',
  help: 'Operations the gateway refused with RATE_LIMITED (HTTP and WebSocket), by the budget that ran out: user, tenant or operation.',
  labelNames: ['scope'] as const,
  registers,
});

export const subscriptionsOpen = new Gauge({
  name: 'goliath_gateway_subscriptions_open',
  help: 'Subscriptions running on the gateway\'s WebSocket, by root field.',
  labelNames: ['subscription'] as const,
  registers,
});

export const eventStoreAppendDuration = new Histogram({
  name: 'goliath_eventstore_append_duration_seconds',
  help: 'Time one append to the event store took, by outcome: appended, conflict (wrong expected revision) or failed.',
  labelNames: ['outcome'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  registers,
});

export const eventStoreAppendEvents = new Histogram({
  name: 'goliath_eventstore_append_events',
  help: 'Events written by one successful append (the batch size).',
  buckets: [1, 2, 3, 5, 10, 25, 50, 100, 250, 1000],
  registers,
});

export const solveJobDuration = new Histogram({
  name: 'goliath_solve_job_duration_seconds',
  help: 'Time a solve-job runner spent on one attempt of a job, by outcome: completed, failed, or interrupted (the runner stopped or lost its lease).',
  labelNames: ['outcome'] as const,
  buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
  registers,
});

export const signIns = new Counter({
  name: 'goliath_sign_ins_total',
  help: 'Sign-in attempts, by method (saml, oidc, ldap, refresh, service-account) and outcome (success, failure), with the failure\'s code.',
  labelNames: ['method', 'outcome', 'code'] as const,
  registers,
});

/** The projections of this process's runner, read at each scrape (the figures /health shows). */
export const projectionViews = new ObservedSources<ProjectionsView>();

new Gauge({
  name: 'goliath_projection_lag',
  help: 'How far a projection is behind the head of the log: events on SQLite, log positions on EventStoreDB. Served by the process that runs the projections.',
  labelNames: ['projection'] as const,
  registers,
  async collect() {
    const projections = await observedProjections();
    this.reset();
    for (const { projection, lag } of projections) this.set({ projection }, lag);
  },
});

new Gauge({
  name: 'goliath_projection_parked_events',
  help: 'Events a projection parked (dead letters) and nobody has retried or skipped yet.',
  labelNames: ['projection'] as const,
  registers,
  async collect() {
    const projections = await observedProjections();
    this.reset();
    for (const { projection, parked } of projections) this.set({ projection }, parked);
  },
});

let projectionsRead: Promise<readonly ProjectionHealth[]> | undefined;

/** One read per scrape for both gauges; a view that fails (its store closing) shows nothing rather than failing the scrape. */
function observedProjections(): Promise<readonly ProjectionHealth[]> {
  projectionsRead ??= Promise.all(projectionViews.all().map((view) => view().catch(() => [])))
    .then((lists) => lists.flat())
    .finally(() => {
      projectionsRead = undefined;
    });
  return projectionsRead;
}

/** A solver pool's load: threads (or slots) it has, those working, and the work waiting for one. */
export interface SolverPoolLoad {
  readonly size: number;
  readonly busy: number;
  readonly queued: number;
}

/** Pools by name: `solve-jobs` (the job runner's threads), `synchronous` (slots of optimizeQubo and its kin). */
export const solverPools = new ObservedSources<{ readonly pool: string; readonly load: () => SolverPoolLoad }>();

function solverPoolGauge(name: string, help: string, figure: keyof SolverPoolLoad): void {
  new Gauge({
    name,
    help,
    labelNames: ['pool'] as const,
    registers,
    collect() {
      this.reset();
      for (const { pool, load } of solverPools.all()) this.inc({ pool }, load()[figure]);
    },
  });
}

solverPoolGauge('goliath_solver_pool_size', 'Threads of a solver pool (solve-jobs), or synchronous solves it runs at once (synchronous).', 'size');
solverPoolGauge('goliath_solver_pool_busy', 'Threads (or synchronous slots) of a solver pool working now.', 'busy');
solverPoolGauge('goliath_solver_pool_queued', 'Restarts waiting for a thread (solve-jobs), or synchronous solves waiting for a slot (synchronous).', 'queued');
