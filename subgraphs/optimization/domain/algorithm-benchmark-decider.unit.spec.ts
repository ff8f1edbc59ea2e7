import type { AlgorithmBenchmarked } from '../../../schema/events';
import { deciderSpec } from '../../../test/support/decider-spec';
import { algorithmBenchmarkDecider } from './algorithm-benchmark-decider';

const spec = deciderSpec(algorithmBenchmarkDecider);
const benchmark: AlgorithmBenchmarked['data'] = {
  algorithmId: 'a1',
  version: 1,
  tenantId: 'author-co',
  benchmarkSet: 'qubo',
  results: [{ instance: 'bqp50.1', variables: 50, bestKnown: -2098, bestEnergy: -2098, gapPercent: 0, timeToBestMs: 12, totalTimeMs: 200 }],
  benchmarkedAt: '2026-11-26T10:00:00.000Z',
};
const benchmarked: AlgorithmBenchmarked = { type: 'AlgorithmBenchmarked', data: benchmark };

describe('algorithm benchmark decider', () => {
  it('records a benchmark as measured, and a later one beside it', () => {
    spec.given([]).when({ type: 'RecordAlgorithmBenchmark', benchmark }).then([benchmarked]);
    spec.given([benchmarked]).when({ type: 'RecordAlgorithmBenchmark', benchmark: { ...benchmark, version: 2 } }).then([{ type: 'AlgorithmBenchmarked', data: { ...benchmark, version: 2 } }]);
  });

  it('refuses a benchmark that solved nothing', () => {
    spec.given([]).when({ type: 'RecordAlgorithmBenchmark', benchmark: { ...benchmark, results: [] } }).thenRejects('BAD_USER_INPUT');
  });
});
