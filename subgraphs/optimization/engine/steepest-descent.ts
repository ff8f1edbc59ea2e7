import type { CompiledQubo } from './compiled-qubo';
import { applyFlip, computeFlipDeltas } from './flip-deltas';

/**
 * Greedy polish: flip the most improving bit until no single flip improves. Every sample the
 * engine returns passes through it, so no returned sample has an improving single flip.
 * Returns the number of flips made.
 */
export function steepestDescent(qubo: CompiledQubo, x: Uint8Array, delta?: Float64Array): number {
  const d = delta ?? new Float64Array(qubo.n);
  if (!delta) computeFlipDeltas(qubo, x, d);
  let flips = 0;
  for (;;) {
    let best = -1;
    let bestDelta = -1e-12;
    for (let i = 0; i < qubo.n; i++) {
      if (d[i] < bestDelta) {
        bestDelta = d[i];
        best = i;
      }
    }
    if (best < 0) return flips;
    applyFlip(qubo, x, d, best);
    flips++;
  }
}
