import { optimizationRunStreamId, solveJobStreamId, type AlgorithmRunMetered } from '../schema/events';
import { ALGORITHM_USAGE_COLLECTION } from '../schema/read-models/algorithm-runs';
import { describeProjection, stream } from '../test/support/projection-spec';
import { algorithmUsageProjection } from './algorithm-usage';

const metered = (solveId: string, version: number, cpuMs: number, at: string, solveKind: 'OPTIMIZE_QUBO' | 'SOLVE_JOB' = 'OPTIMIZE_QUBO'): AlgorithmRunMetered => ({
  type: 'AlgorithmRunMetered',
  data: { algorithmId: 'a1', version, runnerTenantId: 'buyer', authorTenantId: 'author-co', authorId: 'grace', solveId, solveKind, cpuMs, wallMs: cpuMs, at },
});

describeProjection(algorithmUsageProjection, (spec) => {
  const run = (runId: string) => stream<AlgorithmRunMetered>(optimizationRunStreamId(runId), 'buyer');
  const job = (jobId: string) => stream<AlgorithmRunMetered>(solveJobStreamId(jobId), 'buyer');

  it('counts runs and CPU-seconds per algorithm and per version, from synchronous solves and jobs alike', () =>
    spec
      .given(run('r1')(metered('r1', 1, 1_500, '2026-11-26T10:00:00.000Z')))
      .when(job('j1')(metered('j1', 2, 4_000, '2026-11-26T11:00:00.000Z', 'SOLVE_JOB')), run('r2')(metered('r2', 1, 500, '2026-11-26T12:00:00.000Z')))
      .then({
        [ALGORITHM_USAGE_COLLECTION]: [
          {
            id: 'a1',
            tenantId: 'author-co',
            runs: 3,
            cpuSeconds: 6,
            byVersion: [
              { version: 1, runs: 2, cpuSeconds: 2 },
              { version: 2, runs: 1, cpuSeconds: 4 },
            ],
            lastRunAt: '2026-11-26T12:00:00.000Z',
          },
        ],
      }));
});
