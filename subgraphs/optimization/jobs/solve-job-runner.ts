import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { GraphQLError } from 'graphql';
import { DomainError } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import { executeCommand, recordFacts } from '../../../platform/commands/execute-command';
import type { ServicePrincipal } from '../../../platform/commands/service-principal';
import type { EventSubscription } from '../../../platform/eventstore/port';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { eventSchemaVersion, SOLVE_JOB_CATEGORY, solveJobStreamId, TENANT_CAPACITY_CATEGORY, type ResourceUsageRecorded, type SolveJobEvent, type SolveJobRequest, type TenantCapacityChanged } from '../../../schema/events';
import { solveJobs } from '../domain/command-handlers';
import { jobIdOf, solveJobDecider, type SolveJobCommand, type SolveJobState } from '../domain/solve-job-decider';
import { SolverPool } from '../engine/solver-pool';
import { compileProblem, parseQuboInput, QuboModelError, type Constraint } from '../model';
import { solveProblem } from '../solving/solve-problem';
import { constraintOutcomes } from '../performance/constraint-outcomes';
import { requireAlgorithmRun } from '../algorithms/algorithm-entitlement';
import { engineOptions } from '../algorithms/recipe-options';
import { algorithmRunMetered } from '../algorithms/run-metering';
import { nextFairJob, type WaitingJob } from './fair-queue';
import { SolverAllowances } from './solver-allowances';
import { solveJobDuration, solverPools } from '../../../platform/metrics/metrics';

/** What the runner does to a job, as its permission row and its audit records name it. */
const RUN_SOLVE_JOB = 'runSolveJob';

/** A job as the log says it is (folded by the decider's own evolve), and when it was submitted. */
interface KnownJob {
  readonly tenantId: string;
  readonly request: SolveJobRequest;
  /** Log position of the submission: the order jobs of one tenant run in. */
  readonly submittedAt: number;
  state: SolveJobState;
}

const UNFINISHED: ReadonlySet<string> = new Set(['SUBMITTED', 'RUNNING']);

interface RunningJob {
  readonly tenantId: string;
  readonly abort: AbortController;
  readonly done: Promise<void>;
}

type RunnerDependencies = Pick<SubgraphDependencies, 'eventStore' | 'upcasters' | 'config' | 'logger' | 'clock' | 'waitForReadModels' | 'readStore'>;

/**
 * Runs solve jobs in the process that hosts the optimization subgraph. It follows every
 * `solvejob-*` event from the start of the log, so after a restart it knows each job's state.
 *
 * - A job is claimed for one attempt with a lease the runner renews while it works; another runner
 *   (a replica, or this one after a crash) starts the job again only once the lease has expired or
 *   was released by a graceful stop, so each job runs once however many runners share the store.
 * - Slots go to tenants fairly (fair-queue.ts) with a cap on each tenant's running jobs. It also
 *   follows `tenantcapacity-*`: a tenant's COMPUTE capacity, set by predictive scaling, is its
 *   solver allowance (its cap), and the slots and the solver threads grow and shrink with the sum
 *   of the allowances (solver-allowances.ts).
 * - Cancellation reaches a running solve through its AbortSignal; so does losing the lease.
 */
export class SolveJobRunner {
  /** This process's name in leases: unique per start, so a restarted runner never mistakes an old claim for its own. */
  readonly id = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly jobs = new Map<string, KnownJob>();
  private readonly running = new Map<string, RunningJob>();
  private readonly lastServed = new Map<string, number>();
  private subscription?: EventSubscription;
  private following?: Promise<void>;
  private caughtUp = false;
  private stopping = false;
  private pool?: SolverPool;
  private wakeTimer?: NodeJS.Timeout;
  private concurrency: number;
  private readonly allowances: SolverAllowances;
  private unobservePool?: () => void;

  constructor(
    private readonly deps: RunnerDependencies,
    /** `system:solve-job-runner`: the runner's commands go through the command path in its name. */
    private readonly principal: ServicePrincipal,
  ) {
    const { concurrency, perTenantRunning, maxConcurrency } = deps.config.solveJobs;
    this.allowances = new SolverAllowances({ sharedSlots: concurrency, defaultPerTenant: perTenantRunning, maxSlots: maxConcurrency });
    this.concurrency = this.allowances.slots();
  }

  async start(): Promise<void> {
    this.unobservePool = solverPools.add({ pool: 'solve-jobs', load: () => ({ size: this.pool?.size ?? 0, busy: this.pool?.busyThreads ?? 0, queued: this.pool?.queuedTasks ?? 0 }) });
    const headAtStart = await this.deps.eventStore.headPosition();
    const markCaughtUp = (position: number) => {
      if (!this.caughtUp && position >= headAtStart) {
        this.caughtUp = true;
        this.pump();
      }
    };
    this.subscription = this.deps.eventStore.subscribeToAll({ filter: { categories: [SOLVE_JOB_CATEGORY, TENANT_CAPACITY_CATEGORY] }, onCheckpoint: markCaughtUp });
    const subscription = this.subscription;
    this.following = (async () => {
      for await (const stored of subscription) {
        const event = this.deps.upcasters.upcast(stored);
        if (event.type === 'TenantCapacityChanged') this.followCapacity(event.data as TenantCapacityChanged['data']);
        else this.follow({ type: event.type, data: event.data } as SolveJobEvent, event.metadata.tenantId, event.position);
        markCaughtUp(event.position);
      }
    })().catch((error: unknown) => this.deps.logger.error({ err: error, runner: this.id }, 'solve-job runner stopped following the log'));
    markCaughtUp(0);
  }

  /** A tenant's solver allowance changed: its cap, and the runner's slots and threads with it; running jobs are never cut short. */
  private followCapacity(change: TenantCapacityChanged['data']): void {
    if (!this.allowances.apply(change)) return;
    this.concurrency = this.allowances.slots();
    this.pool?.resize(this.poolSize());
    this.deps.logger.info({ runner: this.id, tenantId: change.tenantId, allowance: change.capacity, slots: this.concurrency }, 'solver allowance changed');
    this.pump();
  }

  /** Each slot gets SOLVER_WORKERS threads of the pool its jobs share. */
  private poolSize(): number {
    return Math.max(1, this.concurrency * this.deps.config.optimize.workers);
  }

  /** Stops taking jobs, aborts running solves and releases their leases, so any runner starts them again at once. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unobservePool?.();
    clearTimeout(this.wakeTimer);
    for (const { abort } of this.running.values()) abort.abort();
    await Promise.all([...this.running.values()].map(({ done }) => done));
    await this.subscription?.close();
    await this.following;
    await this.pool?.close();
  }

  private follow(event: SolveJobEvent, tenantId: string, position: number): void {
    if (event.type === 'SolveJobSubmitted') {
      const state = solveJobDecider.evolve(solveJobDecider.initialState(), event);
      this.jobs.set(event.data.jobId, { tenantId, request: event.data.request, submittedAt: position, state });
    } else if ('jobId' in event.data) {
      const job = this.jobs.get(event.data.jobId);
      if (!job) return;
      job.state = solveJobDecider.evolve(job.state, event);
      if (!UNFINISHED.has(job.state.status)) this.running.get(event.data.jobId)?.abort.abort();
    }
    this.pump();
  }

  /** Starts jobs while there are free slots and fair candidates; wakes itself when a foreign lease expires. */
  private pump(): void {
    if (!this.caughtUp || this.stopping) return;
    const now = this.deps.clock().getTime();
    const runningPerTenant = new Map<string, number>();
    for (const { tenantId } of this.running.values()) runningPerTenant.set(tenantId, (runningPerTenant.get(tenantId) ?? 0) + 1);
    const waiting: WaitingJob[] = [];
    let nextExpiry = Infinity;
    for (const [jobId, job] of this.jobs) {
      const { state } = job;
      if (!UNFINISHED.has(state.status) || this.running.has(jobId)) continue;
      const leaseEnds = state.status !== 'ABSENT' && state.lease ? Date.parse(state.lease.expiresAt) : 0;
      if (state.status === 'RUNNING' && leaseEnds > now) nextExpiry = Math.min(nextExpiry, leaseEnds);
      else waiting.push({ jobId, tenantId: job.tenantId, submittedAt: job.submittedAt });
    }
    while (this.running.size < this.concurrency) {
      const next = nextFairJob(waiting, runningPerTenant, this.lastServed, { capOf: (tenantId) => this.allowances.capOf(tenantId) });
      if (!next) break;
      waiting.splice(waiting.indexOf(next), 1);
      runningPerTenant.set(next.tenantId, (runningPerTenant.get(next.tenantId) ?? 0) + 1);
      this.lastServed.set(next.tenantId, now);
      this.launch(next.jobId, this.jobs.get(next.jobId)!);
    }
    clearTimeout(this.wakeTimer);
    if (nextExpiry < Infinity) this.wakeTimer = setTimeout(() => this.pump(), Math.max(0, nextExpiry - now) + 10).unref();
  }

  private launch(jobId: string, job: KnownJob): void {
    const abort = new AbortController();
    const done = this.run(jobId, job, abort.signal).finally(() => {
      this.running.delete(jobId);
      this.pump();
    });
    this.running.set(jobId, { tenantId: job.tenantId, abort, done });
  }

  private async run(jobId: string, job: KnownJob, signal: AbortSignal): Promise<void> {
    const { leaseMs } = this.deps.config.solveJobs;
    const claim = await this.decide(job.tenantId, { type: 'StartSolveJob', jobId, runner: this.id, leaseMs, requestedAt: this.now() }).catch((error: unknown) => {
      this.deps.logger.error({ err: error, jobId }, 'could not claim a solve job');
      return undefined;
    });
    if (!claim?.changed) {
      // Another runner holds it, or it finished: take the stream's word for it until the log says more,
      // so the job is not claimed again and again before this runner has followed those events.
      if (claim && claim.state.status !== 'ABSENT') job.state = claim.state;
      return;
    }
    const held = { runner: this.id, attempt: claim.state.status === 'ABSENT' ? 0 : claim.state.attempt };
    const lost = new AbortController();
    const renewal = setInterval(() => {
      this.decide(job.tenantId, { type: 'RenewSolveJobLease', jobId, ...held, leaseMs, requestedAt: this.now() }).catch((error: unknown) => {
        // Refused means another runner took the job over; a store hiccup is retried at the next renewal.
        if (!(error instanceof DomainError)) return this.deps.logger.warn({ err: error, jobId }, 'could not renew a solve job lease; retrying');
        this.deps.logger.warn({ err: error, jobId }, 'solve job lease lost: stopping this attempt');
        lost.abort();
      });
    }, Math.max(100, Math.floor(leaseMs / 3)));
    try {
      await this.solve(jobId, job, held, signal, lost.signal);
    } finally {
      clearInterval(renewal);
      if (this.stopping) await this.decide(job.tenantId, { type: 'ReleaseSolveJobLease', jobId, ...held, requestedAt: this.now() }).catch(() => undefined);
    }
  }

  private async solve(jobId: string, job: KnownJob, held: { readonly runner: string; readonly attempt: number }, cancelled: AbortSignal, lost: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([cancelled, lost]);
    const timed = solveJobDuration.startTimer();
    try {
      const cpuBefore = process.cpuUsage();
      let peakRss = process.memoryUsage().rss;
      let progressWritten = Promise.resolve();
      const { request } = job;
      // A licence refunded or revoked since the submission stops the job before it runs.
      if (request.algorithm) await requireAlgorithmRun(this.deps, job.tenantId, request.algorithm.algorithmId, request.algorithm.version);
      const model = parseQuboInput(request.qubo, { limits: this.deps.config.quboLimits });
      const constraints = request.constraints as readonly Constraint[];
      const variableCount = compileProblem(model, constraints, { limits: this.deps.config.quboLimits }).variableNames.length;
      this.pool ??= new SolverPool({ size: this.poolSize() });
      const solution = await solveProblem({
        model,
        constraints,
        limits: this.deps.config.quboLimits,
        strategy: request.strategy,
        timeLimitMs: request.timeLimitMs,
        seed: request.seed,
        numSamples: request.numSamples,
        tuning: request.algorithm ? engineOptions(request.algorithm.parameters) : undefined,
        workers: this.deps.config.optimize.workers,
        pool: this.pool,
        signal,
        onProgress: (progress) => {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          progressWritten = progressWritten.then(() => this.record(job.tenantId, jobId, 'SolveJobProgressed', { jobId, attempt: held.attempt, ...progress }));
        },
      });
      await progressWritten;
      // An attempt cut short by a stop or a lost lease is not charged: the attempt that finishes the job is.
      if (this.stopping || lost.aborted) {
        timed({ outcome: 'interrupted' });
        return;
      }
      const cpu = process.cpuUsage(cpuBefore);
      const usage: ResourceUsageRecorded['data'] = {
        tenantId: job.tenantId,
        solveId: jobId,
        solveKind: 'SOLVE_JOB',
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        peakMemoryMb: Math.round(peakRss / 2 ** 20),
        wallTimeMs: solution.engine.totalTimeMs,
        variables: variableCount,
        recordedAt: this.now(),
      };
      await this.record(job.tenantId, jobId, 'ResourceUsageRecorded', usage);
      const best = solution.samples[0];
      const completedAt = this.now();
      await this.decide(job.tenantId, {
        type: 'CompleteSolveJob',
        ...held,
        constraintOutcomes: constraintOutcomes({
          solveId: jobId,
          solveKind: 'SOLVE_JOB',
          tenantId: job.tenantId,
          problemId: request.problemId,
          model,
          constraints,
          solution,
          timeLimitMs: request.timeLimitMs,
          cpuMs: (cpu.user + cpu.system) / 1000,
          recordedAt: completedAt,
        }),
        algorithmRun: request.algorithm
          ? algorithmRunMetered(request.algorithm, {
              runnerTenantId: job.tenantId,
              solveId: jobId,
              solveKind: 'SOLVE_JOB',
              cpuMs: usage.cpuSeconds * 1000,
              wallMs: solution.engine.totalTimeMs,
              at: completedAt,
            })
          : undefined,
        outcome: {
          jobId,
          strategy: solution.engine.strategy,
          bestEnergy: best.energy,
          bestObjective: best.sourceObjective,
          feasible: best.feasible,
          bestAssignment: Array.from(best.assignment.subarray(0, solution.userVariableCount)).join(''),
          variableNames: solution.variableNames.slice(0, solution.userVariableCount),
          timeToBestMs: solution.engine.timeToBestMs,
          totalTimeMs: solution.engine.totalTimeMs,
          flipsAttempted: solution.engine.flipsAttempted,
          stoppedBy: solution.engine.stoppedBy,
          completedAt,
        },
      });
      timed({ outcome: 'completed' });
    } catch (error) {
      timed({ outcome: this.stopping ? 'interrupted' : 'failed' });
      if (this.stopping) return;
      this.deps.logger.error({ err: error, jobId }, 'solve job failed');
      const licenseRequired = error instanceof GraphQLError && error.extensions.code === ErrorCode.LicenseRequired;
      const reason = licenseRequired ? `${ErrorCode.LicenseRequired}: ${error.message}` : error instanceof Error ? error.message : String(error);
      await this.decide(job.tenantId, { type: 'FailSolveJob', jobId, ...held, reason, retryable: !(error instanceof QuboModelError || licenseRequired), requestedAt: this.now() }).catch(
        (recordError: unknown) => this.deps.logger.error({ err: recordError, jobId }, 'could not record the failure of a solve job'),
      );
    }
  }

  /** Runs a command on the job's stream; answers the job's state after it and whether the command changed it. */
  private async decide(tenantId: string, command: SolveJobCommand): Promise<{ readonly state: SolveJobState; readonly changed: boolean }> {
    const caller = this.principal.caller(RUN_SOLVE_JOB, jobIdOf(command), { command: command.type });
    // Nobody waits for this answer: the job's read model catches up on its own.
    const result = await executeCommand(this.deps, caller, solveJobs, command, { tenantId, waitForReadModels: false });
    return { state: result.state, changed: result.appended.length > 0 };
  }

  /** Facts the runner observes (progress, resource usage) need no decision: recorded as they are. */
  private async record(tenantId: string, jobId: string, type: 'SolveJobProgressed' | 'ResourceUsageRecorded', data: unknown): Promise<void> {
    const caller = this.principal.caller(RUN_SOLVE_JOB, jobId, { recorded: type });
    await recordFacts(this.deps, caller, { streamId: solveJobStreamId(jobId), events: [{ type, data }], expectedRevision: 'stream-exists', versionOf: eventSchemaVersion }, { tenantId });
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }
}
