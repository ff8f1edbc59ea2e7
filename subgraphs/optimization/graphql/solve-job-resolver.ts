import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { loadState } from '../../../platform/commands/command-handler';
import { ErrorCode, notFound, platformError } from '../../../platform/errors';
import { connectionOf } from '../../../platform/graphql/connection';
import { assertPageSize } from '../../../platform/graphql/page-info';
import { requireAuth, requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { solveJobStreamId } from '../../../schema/events';
import { OPTIMIZATION_PROFILES_COLLECTION, SOLVE_JOBS_COLLECTION, type OptimizationProfileDocument, type SolveJobDocument } from '../../../schema/read-models/optimization';
import { refuseInvalidModel } from '../domain/model-refusal';
import { solveJobDecider, type SolveJobCommand } from '../domain/solve-job-decider';
import { compileProblem, parseQuboInput, type Constraint } from '../model';
import { timeLimit } from './solve-limits';
import { solveJobs } from '../domain/command-handlers';
import { executeCommand } from '../../../platform/commands/execute-command';
import { OptimizeQuboInput, SolverStrategy } from './optimization-types';
import { requireAlgorithmRun } from '../algorithms/algorithm-entitlement';
import { solveSettings, type SolveBounds } from '../algorithms/recipe-options';
import { problemToSolve } from './problem-input';
import { SolveJob, SolveJobConnection, SolveJobStatus } from './solve-job-types';

const DEFAULT_JOB_TIME_LIMIT_MS = 10_000;
/** Background jobs may run far longer than the synchronous call: up to an hour. */
const MAX_JOB_TIME_LIMIT_MS = 3_600_000;
/** A recipe's defaults are clamped to these; the input's own samples are not capped for jobs. */
const JOB_BOUNDS: SolveBounds = { defaultTimeLimitMs: DEFAULT_JOB_TIME_LIMIT_MS, maxTimeLimitMs: MAX_JOB_TIME_LIMIT_MS, defaultSamples: 5, maxSamples: 100 };

@Resolver(() => SolveJob)
export class SolveJobResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => SolveJob, { nullable: true, description: 'A solve job by its id; NOT_FOUND when it does not exist or is of a tenant you may not see (the two answer alike).' })
  async solveJob(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext): Promise<SolveJob> {
    const document = await this.jobs().get(id);
    if (!document) throw notFound('Solve job', id);
    requireVisibleItem(context, document.tenantId, () => notFound('Solve job', id));
    return toSolveJob(document);
  }

  @Query(() => SolveJobConnection, { description: "A tenant's solve jobs, newest first, optionally of one status." })
  async solveJobs(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() context: SubgraphContext,
    @Arg('status', () => SolveJobStatus, { nullable: true }) status?: SolveJobStatus,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<SolveJobConnection> {
    requireTenantAccess(context, tenantId);
    assertPageSize(first);
    const page = await this.jobs().find({
      where: status ? { tenantId, status } : { tenantId },
      sort: [{ field: 'submittedAt', direction: 'desc' }],
      first,
      after: after ?? undefined,
    });
    return connectionOf(page, toSolveJob);
  }

  @Mutation(() => SolveJob, {
    description:
      "Queues a solve and answers at once; the job survives a restart of the platform. With algorithmId, runs a marketplace algorithm's recipe: LICENSE_REQUIRED without a licence, checked again when the job starts.",
  })
  async submitSolveJob(@Arg('input', () => OptimizeQuboInput) input: OptimizeQuboInput, @Ctx() context: SubgraphContext): Promise<SolveJob> {
    requireTenantAccess(context, input.tenantId);
    const algorithm = input.algorithmId ? await requireAlgorithmRun(this.deps, input.tenantId, input.algorithmId, input.algorithmVersion ?? undefined) : null;
    await this.refuseWhenQueueFull(input.tenantId);
    const settings = solveSettings(input, algorithm?.recipe ?? null, JOB_BOUNDS);
    const timeLimitMs = timeLimit(settings.timeLimitMs, DEFAULT_JOB_TIME_LIMIT_MS, MAX_JOB_TIME_LIMIT_MS);
    const { problemId, qubo, constraints } = await problemToSolve(this.deps, input, context);
    // Refused now, not later in the background: the job must be solvable as submitted.
    refuseInvalidModel(() => compileProblem(parseQuboInput(qubo, { limits: this.deps.config.quboLimits }), constraints as Constraint[], { limits: this.deps.config.quboLimits }));
    const jobId = randomUUID();
    await this.execute(context, input.tenantId, {
      type: 'SubmitSolveJob',
      jobId,
      tenantId: input.tenantId,
      request: {
        problemId,
        qubo,
        constraints,
        strategy: settings.strategy,
        timeLimitMs,
        seed: input.seed ?? Math.floor(Math.random() * 2 ** 31),
        numSamples: settings.numSamples,
        algorithm: algorithm && { ...algorithm.listing, parameters: settings.parameters },
      },
      requestedAt: this.deps.clock().toISOString(),
    });
    return this.readJob(jobId);
  }

  @Mutation(() => SolveJob, { description: 'Stops a submitted or running job; CONFLICT when it has already finished.' })
  async cancelSolveJob(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext): Promise<SolveJob> {
    const state = await loadState(this.deps, solveJobDecider, solveJobStreamId(id));
    if (state.status === 'ABSENT') throw notFound('Solve job', id);
    requireVisibleItem(context, state.tenantId, () => notFound('Solve job', id));
    await this.execute(context, state.tenantId, { type: 'CancelSolveJob', jobId: id, cancelledBy: requireAuth(context).subject, requestedAt: this.deps.clock().toISOString() });
    return this.readJob(id);
  }

  private async execute(context: SubgraphContext, tenantId: string, command: SolveJobCommand): Promise<void> {
    await executeCommand(this.deps, callerOf(context), solveJobs, command, { tenantId });
  }

  /** A tenant's share of the background solver is bounded, so one tenant cannot queue the others out. */
  private async refuseWhenQueueFull(tenantId: string): Promise<void> {
    const cap = this.deps.config.solveJobs.perTenantUnfinished;
    const counts = (await this.deps.readStore.collection<OptimizationProfileDocument>(OPTIMIZATION_PROFILES_COLLECTION).get(tenantId))?.jobCounts;
    const unfinished = (counts?.SUBMITTED ?? 0) + (counts?.RUNNING ?? 0);
    if (unfinished >= cap) {
      throw platformError(ErrorCode.SolveJobQueueFull, `Tenant ${tenantId} already has ${unfinished} unfinished solve jobs, the most allowed (SOLVE_JOBS_UNFINISHED_PER_TENANT=${cap}); wait for some to finish or cancel some, then submit again.`, {
        unfinishedJobs: unfinished,
        limit: cap,
      });
    }
  }

  private async readJob(id: string): Promise<SolveJob> {
    const document = await this.jobs().get(id);
    if (!document) throw notFound('Solve job', id);
    return toSolveJob(document);
  }

  private jobs() {
    return this.deps.readStore.collection<SolveJobDocument>(SOLVE_JOBS_COLLECTION);
  }
}

function toSolveJob(document: SolveJobDocument): SolveJob {
  return {
    ...document,
    problemId: document.problemId ?? undefined,
    status: document.status as SolveJobStatus,
    strategy: document.strategy as SolverStrategy,
  };
}
