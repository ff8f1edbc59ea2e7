import { DomainError, type Decider } from '../../../platform/commands/decider';
import type { AlgorithmBenchmarked, AlgorithmBenchmarkEvent } from '../../../schema/events';

export type AlgorithmBenchmarkState = { readonly benchmarks: number };
export type RecordAlgorithmBenchmark = { readonly type: 'RecordAlgorithmBenchmark'; readonly benchmark: AlgorithmBenchmarked['data'] };

/**
 * A listing's benchmarks (`algorithmbenchmark-<algorithmId>`): each run of its recipe on the
 * published set is recorded as measured; a later one adds to the evidence, never replaces it.
 */
export const algorithmBenchmarkDecider: Decider<AlgorithmBenchmarkState, RecordAlgorithmBenchmark, AlgorithmBenchmarkEvent> = {
  initialState: () => ({ benchmarks: 0 }),
  evolve: (state) => ({ benchmarks: state.benchmarks + 1 }),
  decide({ benchmark }) {
    if (benchmark.results.length === 0) throw new DomainError('BAD_USER_INPUT', `A benchmark of algorithm ${benchmark.algorithmId} needs at least one instance solved.`);
    return [{ type: 'AlgorithmBenchmarked', data: benchmark }];
  },
};
