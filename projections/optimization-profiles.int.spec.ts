import { describeProjection } from '../test/support/projection-spec';
import { problem, solveJob, tenant } from '../test/support/sample-events';
import { OPTIMIZATION_PROFILE_JOBS_COLLECTION, OPTIMIZATION_PROFILES_COLLECTION, type JobCounts, type OptimizationProfileDocument } from '../schema/read-models/optimization';
import { optimizationProfilesProjection } from './optimization-profiles';

const createdAt = '2026-05-01T09:00:00.000Z';
const later = '2026-05-01T10:00:00.000Z';
const acme = tenant('acme');
const globex = tenant('globex');
const firstJob = solveJob('j1', 'acme');
const secondJob = solveJob('j2', 'acme');
const globexJob = solveJob('j3', 'globex');

const noJobs: JobCounts = { SUBMITTED: 0, RUNNING: 0, COMPLETED: 0, FAILED: 0, CANCELLED: 0 };
const profile = (tenantId: string, fields: Partial<OptimizationProfileDocument> = {}): OptimizationProfileDocument => ({
  id: tenantId,
  tenantId,
  createdAt,
  problemCount: 0,
  jobCounts: noJobs,
  cpuSecondsUsed: 0,
  ...fields,
});

describeProjection(optimizationProfilesProjection, (spec) => {
  it('opens an empty profile for every new tenant', () => {
    return spec.when(acme.created('Acme', createdAt), globex.created('Globex', createdAt)).then({ [OPTIMIZATION_PROFILES_COLLECTION]: [profile('acme'), profile('globex')] });
  });

  it("counts a tenant's problems in its own profile only", () => {
    return spec
      .given(acme.created('Acme', createdAt), globex.created('Globex', createdAt))
      .when(problem('p1', 'acme').created('Max-cut', later), problem('p2', 'acme').created('Routing', later), problem('p3', 'globex').created('Packing', later))
      .then({ [OPTIMIZATION_PROFILES_COLLECTION]: [profile('acme', { problemCount: 2 }), profile('globex', { problemCount: 1 })] });
  });

  it('moves each job between statuses as it runs, counting a restarted job once', () => {
    return spec
      .given(acme.created('Acme', createdAt), globex.created('Globex', createdAt))
      .when(
        firstJob.submitted(later),
        firstJob.started(1, later),
        firstJob.started(2, later),
        firstJob.progressed(-1, 100, 0.5),
        firstJob.completed(later),
        secondJob.submitted(later),
        secondJob.started(1, later),
        globexJob.submitted(later),
        globexJob.cancelled('user:globex-admin', later),
      )
      .then({
        [OPTIMIZATION_PROFILES_COLLECTION]: [
          profile('acme', { jobCounts: { ...noJobs, RUNNING: 1, COMPLETED: 1 } }),
          profile('globex', { jobCounts: { ...noJobs, CANCELLED: 1 } }),
        ],
        [OPTIMIZATION_PROFILE_JOBS_COLLECTION]: [
          { id: 'j1', tenantId: 'acme', status: 'COMPLETED' },
          { id: 'j2', tenantId: 'acme', status: 'RUNNING' },
          { id: 'j3', tenantId: 'globex', status: 'CANCELLED' },
        ],
      });
  });

  it('counts failed jobs', () => {
    return spec
      .given(acme.created('Acme', createdAt), firstJob.submitted(later), firstJob.started(1, later))
      .when(firstJob.failed('solver crashed', false, later))
      .then({ [OPTIMIZATION_PROFILES_COLLECTION]: [profile('acme', { jobCounts: { ...noJobs, FAILED: 1 } })] });
  });

  it('adds up the CPU-seconds of finished jobs', () => {
    return spec
      .given(acme.created('Acme', createdAt), globex.created('Globex', createdAt))
      .when(firstJob.resourceUsageRecorded(0.5, later), secondJob.resourceUsageRecorded(0.25, later), globexJob.resourceUsageRecorded(2, later))
      .then({ [OPTIMIZATION_PROFILES_COLLECTION]: [profile('acme', { cpuSecondsUsed: 0.75 }), profile('globex', { cpuSecondsUsed: 2 })] });
  });

  it('ignores the work of a tenant it has no profile for', () => {
    return spec
      .given(acme.created('Acme', createdAt))
      .when(problem('p3', 'globex').created('Packing', later), globexJob.submitted(later), globexJob.resourceUsageRecorded(2, later))
      .then({ [OPTIMIZATION_PROFILES_COLLECTION]: [profile('acme')], [OPTIMIZATION_PROFILE_JOBS_COLLECTION]: [] });
  });
});
