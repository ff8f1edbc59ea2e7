import type { ProblemEvent, SolveJobEvent, TenantEvent } from '../schema/events';
import { PROBLEM_CATEGORY, SOLVE_JOB_CATEGORY, TENANT_CATEGORY } from '../schema/events';
import {
  OPTIMIZATION_PROFILE_JOBS_COLLECTION,
  OPTIMIZATION_PROFILES_COLLECTION,
  type JobCounts,
  type OptimizationProfileDocument,
  type SolveJobDocument,
} from '../schema/read-models/optimization';
import type { Projection, ProjectionContext } from './projection';

type JobStatus = SolveJobDocument['status'];
const NO_JOBS: JobCounts = { SUBMITTED: 0, RUNNING: 0, COMPLETED: 0, FAILED: 0, CANCELLED: 0 };
const STATUS_AFTER: Partial<Record<SolveJobEvent['type'], JobStatus>> = {
  SolveJobSubmitted: 'SUBMITTED',
  SolveJobStarted: 'RUNNING',
  SolveJobCompleted: 'COMPLETED',
  SolveJobFailed: 'FAILED',
  SolveJobCancelled: 'CANCELLED',
};

/** `Tenant.optimizationProfile`: problems, jobs by status and CPU-seconds used, per tenant. */
export const optimizationProfilesProjection: Projection = {
  name: 'optimization-tenant-profiles',
  collections: [
    { name: OPTIMIZATION_PROFILES_COLLECTION, indexes: ['createdAt'] },
    { name: OPTIMIZATION_PROFILE_JOBS_COLLECTION, indexes: ['tenantId'] },
  ],
  filter: { categories: [TENANT_CATEGORY, PROBLEM_CATEGORY, SOLVE_JOB_CATEGORY] },
  async handle(recorded, context) {
    const event = recorded as unknown as TenantEvent | ProblemEvent | SolveJobEvent;
    const tenantId = recorded.metadata.tenantId;
    if (event.type === 'TenantCreated') {
      const profile: OptimizationProfileDocument = {
        id: event.data.tenantId,
        tenantId: event.data.tenantId,
        createdAt: event.data.createdAt,
        problemCount: 0,
        jobCounts: NO_JOBS,
        cpuSecondsUsed: 0,
      };
      context.upsert(OPTIMIZATION_PROFILES_COLLECTION, profile);
      return;
    }
    const profile = await context.get<OptimizationProfileDocument>(OPTIMIZATION_PROFILES_COLLECTION, tenantId);
    if (!profile) return;
    if (event.type === 'ProblemCreated') {
      context.patch(OPTIMIZATION_PROFILES_COLLECTION, tenantId, { problemCount: profile.problemCount + 1 });
      return;
    }
    if (event.type === 'ResourceUsageRecorded') {
      context.patch(OPTIMIZATION_PROFILES_COLLECTION, tenantId, { cpuSecondsUsed: profile.cpuSecondsUsed + event.data.cpuSeconds });
      return;
    }
    const next = STATUS_AFTER[event.type as SolveJobEvent['type']];
    if (next && 'jobId' in event.data) await moveJob(context, profile, event.data.jobId, next);
  },
};

async function moveJob(context: ProjectionContext, profile: OptimizationProfileDocument, jobId: string, next: JobStatus): Promise<void> {
  const previous = (await context.get<{ id: string; status: JobStatus }>(OPTIMIZATION_PROFILE_JOBS_COLLECTION, jobId))?.status;
  if (previous === next) return;
  const jobCounts = { ...profile.jobCounts, [next]: profile.jobCounts[next] + 1 };
  if (previous) jobCounts[previous] -= 1;
  context.upsert(OPTIMIZATION_PROFILE_JOBS_COLLECTION, { id: jobId, tenantId: profile.tenantId, status: next });
  context.patch(OPTIMIZATION_PROFILES_COLLECTION, profile.tenantId, { jobCounts });
}
