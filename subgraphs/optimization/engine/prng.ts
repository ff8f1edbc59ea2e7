/**
 * xoshiro128** (Blackman & Vigna): 32-bit integer arithmetic only, so V8 keeps the state in
 * small integers and the generator costs a few nanoseconds a draw. Seedable and reproducible,
 * which Math.random is not. Seeds are expanded with splitmix32 so that nearby seeds give
 * unrelated streams.
 */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let z = seed >>> 0;
    const next = (): number => {
      z = (z + 0x9e3779b9) | 0;
      return mix32(z);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Writes the state to `words` (four of them), for a kernel that draws from the same stream. */
  saveState(words: Uint32Array): void {
    words[0] = this.s0;
    words[1] = this.s1;
    words[2] = this.s2;
    words[3] = this.s3;
  }

  /** Continues from the state a kernel left in `words`. */
  loadState(words: Uint32Array): void {
    this.s0 = words[0] | 0;
    this.s1 = words[1] | 0;
    this.s2 = words[2] | 0;
    this.s3 = words[3] | 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution (enough for Metropolis tests). */
  nextFloat(): number {
    return this.nextUint32() * 2.3283064365386963e-10;
  }

  /** Uniform integer in [0, bound). */
  nextInt(bound: number): number {
    return Math.floor(this.nextFloat() * bound);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** splitmix32 / murmur3 finaliser: a bijective avalanche on 32-bit integers. */
function mix32(v: number): number {
  let z = v;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The seed of a sub-run (a restart, a worker, a weight vector) from the master seed and its
 * position, so every sub-run is reproducible on its own regardless of which thread runs it.
 */
export function deriveSeed(master: number, ...path: number[]): number {
  let h = mix32((master >>> 0) ^ 0x5bd1e995);
  for (const p of path) h = mix32((h + Math.imul(p + 1, 0x9e3779b9)) | 0);
  return h;
}
