/**
 * mulberry32: a tiny seedable generator. The genetic search must give the same schedule for the
 * same seed (tests, benchmarks and a replayed command all depend on it), which Math.random cannot.
 */
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

/** A whole number in [from, to]. */
export function randomInteger(random: () => number, from: number, to: number): number {
  return from + Math.floor(random() * (to - from + 1));
}
