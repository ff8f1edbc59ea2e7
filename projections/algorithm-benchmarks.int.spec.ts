import { algorithmBenchmarkStreamId, type AlgorithmBenchmarked } from '../schema/events';
import { ALGORITHM_BENCHMARKS_COLLECTION } from '../schema/read-models/algorithm-runs';
import { describeProjection, stream } from '../test/support/projection-spec';
import { algorithmBenchmarksProjection } from './algorithm-benchmarks';

const benchmark = (version: number, benchmarkedAt: string): AlgorithmBenchmarked['data'] => ({
  algorithmId: 'a1',
  version,
  tenantId: 'author-co',
  benchmarkSet: 'qubo',
  results: [{ instance: 'bqp50.1', variables: 50, bestKnown: -2098, bestEnergy: -2090, gapPercent: 0.3813, timeToBestMs: 20, totalTimeMs: 200 }],
  benchmarkedAt,
});

describeProjection(algorithmBenchmarksProjection, (spec) => {
  const benchmarks = stream<AlgorithmBenchmarked>(algorithmBenchmarkStreamId('a1'), 'author-co');

  it('keeps every benchmark of a listing, each as measured', () =>
    spec
      .given(benchmarks({ type: 'AlgorithmBenchmarked', data: benchmark(1, '2026-11-26T10:00:00.000Z') }))
      .when(benchmarks({ type: 'AlgorithmBenchmarked', data: benchmark(2, '2026-11-27T10:00:00.000Z') }))
      .then({
        [ALGORITHM_BENCHMARKS_COLLECTION]: [
          { id: 'a1:0', ...benchmark(1, '2026-11-26T10:00:00.000Z') },
          { id: 'a1:1', ...benchmark(2, '2026-11-27T10:00:00.000Z') },
        ],
      }));
});
