import type { AlgorithmRunMetered } from '../schema/events';
import { ALGORITHM_USAGE_COLLECTION, type AlgorithmUsageDocument, type AlgorithmVersionUsage } from '../schema/read-models/algorithm-runs';
import type { Projection } from './projection';

/** Runs and CPU-seconds of each marketplace algorithm, in total and per version: what its author sees. */
export const algorithmUsageProjection: Projection = {
  name: 'algorithm-usage',
  collections: [{ name: ALGORITHM_USAGE_COLLECTION, indexes: ['tenantId'] }],
  filter: { eventTypes: ['AlgorithmRunMetered'] },
  async handle(recorded, context) {
    const { algorithmId, version, authorTenantId, cpuMs, at } = (recorded as unknown as AlgorithmRunMetered).data;
    const cpuSeconds = cpuMs / 1000;
    const known = await context.get<AlgorithmUsageDocument>(ALGORITHM_USAGE_COLLECTION, algorithmId);
    const before = known?.byVersion.find((usage) => usage.version === version) ?? { version, runs: 0, cpuSeconds: 0 };
    const byVersion: AlgorithmVersionUsage[] = [...(known?.byVersion ?? []).filter((usage) => usage.version !== version), { version, runs: before.runs + 1, cpuSeconds: before.cpuSeconds + cpuSeconds }].sort(
      (a, b) => a.version - b.version,
    );
    const document: AlgorithmUsageDocument = {
      id: algorithmId,
      tenantId: authorTenantId,
      runs: (known?.runs ?? 0) + 1,
      cpuSeconds: (known?.cpuSeconds ?? 0) + cpuSeconds,
      byVersion,
      lastRunAt: known && known.lastRunAt > at ? known.lastRunAt : at,
    };
    context.upsert(ALGORITHM_USAGE_COLLECTION, document);
  },
};
