import type { CompiledQubo } from '../../engine/compiled-qubo';
import { compiledQuboEnergy } from '../compiled-qubo-builder';

/** Every 0/1 assignment of n variables, as a fresh array each (n ≤ 20 or so). */
export function* allAssignments(n: number): IterableIterator<number[]> {
  for (let mask = 0; mask < 2 ** n; mask++) yield Array.from({ length: n }, (_, i) => Math.floor(mask / 2 ** i) % 2);
}

/** The lowest energy of a compiled QUBO by enumeration, and every assignment that reaches it. */
export function bruteForceMinimum(qubo: CompiledQubo): { energy: number; assignments: number[][] } {
  let energy = Infinity;
  let assignments: number[][] = [];
  for (const x of allAssignments(qubo.n)) {
    const e = compiledQuboEnergy(qubo, x);
    if (e < energy - 1e-9) {
      energy = e;
      assignments = [x];
    } else if (Math.abs(e - energy) <= 1e-9) {
      assignments.push(x);
    }
  }
  return { energy, assignments };
}

/** mulberry32: a tiny seedable PRNG so random tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
