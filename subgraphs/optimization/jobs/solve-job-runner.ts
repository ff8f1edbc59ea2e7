import { executeCommand, recordFacts } from '../../../platform/commands/execute-command';
import type { ServicePrincipal } from '../../../platform/commands/service-principal';
import type { EventSubscription } from '../../../platform/eventstore/port';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { eventSchemaVersion, SOLVE_JOB_CATEGORY, solveJobStreamId, type SolveJobEvent, type SolveJobRequest } from '../../../schema/events';
import { solveJobs } from '../domain/command-handlers';
import type { SolveJobCommand } from '../domain/solve-job-decider';
import { SolverPool } from '../engine/solver-pool';
import { compileProblem, parseQuboInput, QuboModelError, type Constraint } from '../model';
import { solveProblem } from '../solving/solve-problem';

/** What the runner does to a job, as its permission row and its audit records name it. */
const RUN_SOLVE_JOB = 'runSolveJob';

interface KnownJob {
  readonly tenantId: string;
  readonly request: SolveJobRequest;
  status: 'SUBMITTED' | 'RUNNING' | 'FINISHED';
}

/**
 * Runs solve jobs in the process that hosts the optimization subgraph. It follows every
 * `solvejob-*` event from the start of the log, so after a restart it knows each job's state:
 * jobs still SUBMITTED are queued, and jobs left RUNNING by a process that died are started again
 * from their submission (the next attempt) — never left running forever. Cancellation reaches a
 * running solve through its AbortSignal.
 */
export class SolveJobRunner {
  private readonly jobs = new Map<string, KnownJob>();
  private readonly queue: string[] = [];
  private readonly running = new Map<string, { readonly abort: AbortController; readonly done: Promise<void> }>();
  private subscription?: EventSubscription;
  private following?: Promise<void>;
  private caughtUp = false;
  private stopping = false;
  private pool?: SolverPool;

  constructor(
    private readonly deps: Pick<SubgraphDependencies, 'eventStore' | 'upcasters' | 'config' | 'logger' | 'clock' | 'waitForReadModels'>,
    /** `system:solve-job-runner`: the runner's commands go through the command path in its name. */
    private readonly principal: ServicePrincipal,
    /** Jobs solved at once; each uses the whole solver pool. */
    private readonly concurrency = 1,
  ) {}

  async start(): Promise<void> {
    const headAtStart = await this.deps.eventStore.headPosition();
    const markCaughtUp = (position: number) => {
      if (!this.caughtUp && position >= headAtStart) {
        this.caughtUp = true;
        this.pump();
      }
    };
    this.subscription = this.deps.eventStore.subscribeToAll({ filter: { categories: [SOLVE_JOB_CATEGORY] }, onCheckpoint: markCaughtUp });
    const subscription = this.subscription;
    this.following = (async () => {
      for await (const stored of subscription) {
        const event = this.deps.upcasters.upcast(stored);
        this.follow(event.type, event.data, event.metadata.tenantId);
        markCaughtUp(event.position);
      }
    })().catch((error: unknown) => this.deps.logger.error({ err: error }, 'solve-job runner stopped following the log'));
    markCaughtUp(0);
  }

  /** Stops taking jobs and aborts running solves; their jobs stay RUNNING and are re-run on the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const { abort } of this.running.values()) abort.abort();
    await Promise.all([...this.running.values()].map(({ done }) => done));
    await this.subscription?.close();
    await this.following;
    await this.pool?.close();
  }

  private follow(type: string, data: unknown, tenantId: string): void {
    const event = { type, data } as SolveJobEvent;
    if (event.type === 'SolveJobSubmitted') {
      this.jobs.set(event.data.jobId, { tenantId, request: event.data.request, status: 'SUBMITTED' });
      if (this.caughtUp) this.enqueue(event.data.jobId);
      return;
    }
    const job = 'jobId' in event.data ? this.jobs.get(event.data.jobId) : undefined;
    if (!job) return;
    if (event.type === 'SolveJobStarted') job.status = 'RUNNING';
    if (event.type === 'SolveJobCompleted' || event.type === 'SolveJobFailed' || event.type === 'SolveJobCancelled') {
      job.status = 'FINISHED';
      this.running.get(event.data.jobId)?.abort.abort();
    }
  }

  private enqueue(jobId: string): void {
    if (!this.queue.includes(jobId) && !this.running.has(jobId)) this.queue.push(jobId);
    this.pump();
  }

  private pump(): void {
    if (!this.caughtUp || this.stopping) return;
    if (this.queue.length === 0 && this.running.size === 0) {
      // After catching up, everything not finished is work: new submissions and interrupted runs.
      for (const [jobId, job] of this.jobs) if (job.status !== 'FINISHED' && !this.queue.includes(jobId)) this.queue.push(jobId);
    }
    while (this.running.size < this.concurrency && this.queue.length > 0) {
      const jobId = this.queue.shift()!;
      const job = this.jobs.get(jobId);
      if (!job || job.status === 'FINISHED' || this.running.has(jobId)) continue;
      const abort = new AbortController();
      const done = this.run(jobId, job, abort.signal).finally(() => {
        // Every run that is not cut short by stop() ends the job (completed, failed or cancelled).
        if (!this.stopping) job.status = 'FINISHED';
        this.running.delete(jobId);
        this.pump();
      });
      this.running.set(jobId, { abort, done });
    }
  }

  private async run(jobId: string, job: KnownJob, signal: AbortSignal): Promise<void> {
    try {
      const started = await this.decide(job.tenantId, { type: 'StartSolveJob', jobId, requestedAt: this.now() });
      if (started === 0) return;
      const cpuBefore = process.cpuUsage();
      let peakRss = process.memoryUsage().rss;
      let progressWritten = Promise.resolve();
      const { request } = job;
      const model = parseQuboInput(request.qubo, { limits: this.deps.config.quboLimits });
      const constraints = request.constraints as readonly Constraint[];
      const variableCount = compileProblem(model, constraints, { limits: this.deps.config.quboLimits }).variableNames.length;
      this.pool ??= new SolverPool({ size: Math.max(1, this.deps.config.optimize.workers) });
      const solution = await solveProblem({
        model,
        constraints,
        limits: this.deps.config.quboLimits,
        strategy: request.strategy,
        timeLimitMs: request.timeLimitMs,
        seed: request.seed,
        numSamples: request.numSamples,
        workers: this.deps.config.optimize.workers,
        pool: this.pool,
        signal,
        onProgress: (progress) => {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          progressWritten = progressWritten.then(() => this.record(job.tenantId, jobId, 'SolveJobProgressed', { jobId, ...progress }));
        },
      });
      await progressWritten;
      const cpu = process.cpuUsage(cpuBefore);
      await this.record(job.tenantId, jobId, 'ResourceUsageRecorded', {
        tenantId: job.tenantId,
        jobId,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        peakMemoryMb: Math.round(peakRss / 2 ** 20),
        wallTimeMs: solution.engine.totalTimeMs,
        variables: variableCount,
        recordedAt: this.now(),
      });
      if (this.stopping) return;
      const best = solution.samples[0];
      await this.decide(job.tenantId, {
        type: 'CompleteSolveJob',
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
          completedAt: this.now(),
        },
      });
    } catch (error) {
      if (this.stopping) return;
      this.deps.logger.error({ err: error, jobId }, 'solve job failed');
      const reason = error instanceof Error ? error.message : String(error);
      await this.decide(job.tenantId, { type: 'FailSolveJob', jobId, reason, retryable: !(error instanceof QuboModelError), requestedAt: this.now() }).catch(
        (recordError: unknown) => this.deps.logger.error({ err: recordError, jobId }, 'could not record the failure of a solve job'),
      );
    }
  }

  /** Runs a command on the job's stream; answers how many events it appended. */
  private async decide(tenantId: string, command: SolveJobCommand): Promise<number> {
    const jobId = command.type === 'CompleteSolveJob' ? command.outcome.jobId : command.jobId;
    const caller = this.principal.caller(RUN_SOLVE_JOB, jobId, { command: command.type });
    // Nobody waits for this answer: the job's read model catches up on its own.
    const result = await executeCommand(this.deps, caller, solveJobs, command, { tenantId, waitForReadModels: false });
    return result.appended.length;
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
