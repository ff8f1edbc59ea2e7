import { ALGORITHM_BENCHMARK_CATEGORY, type AlgorithmBenchmarked } from '../schema/events';
import { ALGORITHM_BENCHMARKS_COLLECTION, type AlgorithmBenchmarkDocument } from '../schema/read-models/algorithm-runs';
import type { Projection } from './projection';

/** Every benchmark of a listing's versions (`<algorithmId>:<n>`, the n-th of its stream), with its measured quality and time per instance. */
export const algorithmBenchmarksProjection: Projection = {
  name: 'algorithm-benchmarks',
  collections: [{ name: ALGORITHM_BENCHMARKS_COLLECTION, indexes: ['algorithmId', 'benchmarkedAt'] }],
  filter: { categories: [ALGORITHM_BENCHMARK_CATEGORY], eventTypes: ['AlgorithmBenchmarked'] },
  handle(recorded, context) {
    const { data } = recorded as unknown as AlgorithmBenchmarked;
    const document: AlgorithmBenchmarkDocument = { id: `${data.algorithmId}:${recorded.revision}`, ...data };
    context.upsert(ALGORITHM_BENCHMARKS_COLLECTION, document);
  },
};
