import { pairCount, type CompiledQubo } from './compiled-qubo';
import type { KernelStrategy } from './solve-task';

/** Pair density (coupled pairs / all pairs) from which tabu search is preferred. */
export const DENSE_PAIR_DENSITY = 0.05;
/** Up to this size tabu's O(n) move scan is cheap whatever the density. */
export const SMALL_PROBLEM_VARIABLES = 64;

/**
 * The `AUTO` rule. A tabu iteration scans all n cached flip energies to pick one move, while an
 * annealing attempt costs one compare plus O(degree) per accepted flip. On dense problems (≥ 5 %
 * of pairs coupled, e.g. OR-Library bqp at 10 %) the degree is itself a fair fraction of n and
 * tabu's best-move choice wins; on small problems the scan is cheap anyway. Sparse problems
 * (Max-Cut on toroidal/planar graphs, penalty-built models) go to simulated annealing.
 */
export function chooseStrategy(qubo: CompiledQubo): KernelStrategy {
  const { n } = qubo;
  if (n <= SMALL_PROBLEM_VARIABLES) return 'TABU';
  const density = n < 2 ? 0 : pairCount(qubo) / ((n * (n - 1)) / 2);
  return density >= DENSE_PAIR_DENSITY ? 'TABU' : 'SA';
}
