import { optimizationRunStreamId, solveJobStreamId, usageStreamId, type ResourceUsageRecorded, type UsageRecorded } from '../schema/events';
import { USAGE_HOURS_COLLECTION } from '../schema/read-models/usage';
import { describeProjection, stream } from '../test/support/projection-spec';
import { usageHoursProjection } from './usage-hours';

const solved = (solveId: string, cpuSeconds: number, peakMemoryMb: number, recordedAt: string, solveKind: ResourceUsageRecorded['data']['solveKind'] = 'SOLVE_JOB'): ResourceUsageRecorded => ({
  type: 'ResourceUsageRecorded',
  data: { tenantId: 'acme', solveId, solveKind, cpuSeconds, peakMemoryMb, wallTimeMs: 2_000, variables: 10, recordedAt },
});

const recorded = (points: UsageRecorded['data']['points'], resourceType: UsageRecorded['data']['resourceType'] = 'NETWORK'): UsageRecorded => ({
  type: 'UsageRecorded',
  data: { tenantId: 'acme', resourceType, source: 'RECORDED', points, recordedBy: 'ada', recordedAt: '2026-12-03T12:00:00.000Z' },
});

const usage = stream<UsageRecorded>(usageStreamId('acme'), 'acme');

describeProjection(usageHoursProjection, (spec) => {
  it('adds the CPU-seconds of the solves finished in an hour and keeps their peak memory', () =>
    spec
      .given(stream<ResourceUsageRecorded>(solveJobStreamId('j1'), 'acme')(solved('j1', 3, 200, '2026-12-03T10:15:00.000Z')))
      .when(stream<ResourceUsageRecorded>(optimizationRunStreamId('r1'), 'acme')(solved('r1', 0.5, 180, '2026-12-03T10:59:59.000Z', 'OPTIMIZE_QUBO')))
      .then({
        [USAGE_HOURS_COLLECTION]: [
          { id: 'acme:COMPUTE:2026-12-03T10:00:00.000Z', tenantId: 'acme', resourceType: 'COMPUTE', hour: '2026-12-03T10:00:00.000Z', total: 3.5, peak: 3, contributions: 2, solveWallSeconds: 4 },
          { id: 'acme:MEMORY:2026-12-03T10:00:00.000Z', tenantId: 'acme', resourceType: 'MEMORY', hour: '2026-12-03T10:00:00.000Z', total: 380, peak: 200, contributions: 2, solveWallSeconds: 0 },
        ],
      }));

  it('folds recorded points into their hours, two points of one hour in one event as one write', () =>
    spec
      .given(
        usage(
          recorded([
            { time: '2026-12-03T08:00:00.000Z', value: 10 },
            { time: '2026-12-03T08:00:00.000Z', value: 5 },
            { time: '2026-12-03T09:00:00.000Z', value: 7 },
          ]),
        ),
      )
      .when(usage(recorded([{ time: '2026-12-03T09:00:00.000Z', value: 1 }])))
      .then({
        [USAGE_HOURS_COLLECTION]: [
          { id: 'acme:NETWORK:2026-12-03T08:00:00.000Z', tenantId: 'acme', resourceType: 'NETWORK', hour: '2026-12-03T08:00:00.000Z', total: 15, peak: 10, contributions: 2, solveWallSeconds: 0 },
          { id: 'acme:NETWORK:2026-12-03T09:00:00.000Z', tenantId: 'acme', resourceType: 'NETWORK', hour: '2026-12-03T09:00:00.000Z', total: 8, peak: 7, contributions: 2, solveWallSeconds: 0 },
        ],
      }));
});
