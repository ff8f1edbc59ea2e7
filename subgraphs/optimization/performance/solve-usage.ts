import type { MeteredSolveKind, ResourceUsageRecorded } from '../../../schema/events';

export interface SynchronousSolve {
  readonly tenantId: string;
  readonly solveId: string;
  readonly solveKind: MeteredSolveKind;
  /** Solver threads, each busy for the whole solve. */
  readonly workers: number;
  readonly totalTimeMs: number;
  readonly variables: number;
  readonly recordedAt: string;
}

/**
 * What a synchronous solve consumed. Its CPU time is its threads × its wall time: other requests
 * share the process, so the process's own CPU counter would charge them to this tenant. Memory is
 * the process's resident size just after the solve, the peak this solve could have pushed it to.
 */
export function synchronousSolveUsage(solve: SynchronousSolve): ResourceUsageRecorded['data'] {
  return {
    tenantId: solve.tenantId,
    solveId: solve.solveId,
    solveKind: solve.solveKind,
    cpuSeconds: (Math.max(1, solve.workers) * solve.totalTimeMs) / 1000,
    peakMemoryMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    wallTimeMs: solve.totalTimeMs,
    variables: solve.variables,
    recordedAt: solve.recordedAt,
  };
}
