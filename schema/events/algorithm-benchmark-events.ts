import type { DomainEvent } from '../../platform/commands/decider';

/**
 * Benchmarks of marketplace listings, `algorithmbenchmark-<algorithmId>`: written by the
 * optimization subgraph, which owns the engine that runs them. The community owns the listing's
 * own `algorithm-<id>` stream, so the measurements live beside it rather than in it; the listing
 * projection may fold them onto the listing.
 */
export const ALGORITHM_BENCHMARK_CATEGORY = 'algorithmbenchmark';
export const algorithmBenchmarkStreamId = (algorithmId: string): string => `${ALGORITHM_BENCHMARK_CATEGORY}-${algorithmId}`;

/** One instance of the benchmark set, solved once with the recipe. Energies in the instance's minimisation form. */
export interface AlgorithmBenchmarkResult {
  readonly instance: string;
  readonly variables: number;
  /** The published best-known value in the same form; null for generated instances. */
  readonly bestKnown: number | null;
  readonly bestEnergy: number;
  /** (bestEnergy − bestKnown) / |bestKnown| × 100; null without a best-known value. */
  readonly gapPercent: number | null;
  readonly timeToBestMs: number;
  readonly totalTimeMs: number;
}

/** Measured quality and time of a version's recipe on the published benchmark set. */
export type AlgorithmBenchmarked = DomainEvent<
  'AlgorithmBenchmarked',
  {
    readonly algorithmId: string;
    readonly version: number;
    /** The listing's owner (its author's tenant). */
    readonly tenantId: string;
    readonly benchmarkSet: string;
    readonly results: readonly AlgorithmBenchmarkResult[];
    readonly benchmarkedAt: string;
  }
>;

export type AlgorithmBenchmarkEvent = AlgorithmBenchmarked;

export const ALGORITHM_BENCHMARK_EVENT_VERSIONS: Readonly<Record<AlgorithmBenchmarkEvent['type'], number>> = { AlgorithmBenchmarked: 1 };
