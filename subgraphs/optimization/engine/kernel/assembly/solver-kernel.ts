// AssemblyScript: the solver's inner loops compiled to WebAssembly (`npm run build:kernel`).
// They mirror ../js-kernel.ts operation for operation (same arithmetic in the same order, the
// same xoshiro128** draws, and Math.exp imported from JavaScript) so that a seed gives the same
// samples on both kernels. Every array is a byte offset into this module's memory, laid out by
// ../wasm-kernel.ts; the state block's slots are named in ../kernel-state.ts.

/** Math.exp of the JavaScript engine: the only transcendental the kernels use, so both agree bit for bit. */
@external("env", "exp")
declare function jsExp(x: f64): f64;

// State block: f64 slots, then the generator's four u32 words (kernel-state.ts).
const ENERGY: usize = 0;
const BEST_ENERGY: usize = 8;
const ROUND_BEST_ENERGY: usize = 16;
const ITERATION: usize = 24;
const STALL: usize = 32;
const TENURE: usize = 40;
const STALL_ITERATIONS: usize = 48;
const ITERATIONS: usize = 56;
const RNG: usize = 64;

const UNDERFLOW_EXPONENT: f64 = 40;
const ENERGY_EPSILON: f64 = 1e-9;
const CHECK_EVERY_MASK: i32 = 255;
const TABU_CHECK: i32 = 0;
const TABU_NEW_BEST: i32 = 1;
const TABU_ROUND_END: i32 = 2;

let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

@inline
function loadRng(state: usize): void {
  s0 = load<u32>(state + RNG);
  s1 = load<u32>(state + RNG + 4);
  s2 = load<u32>(state + RNG + 8);
  s3 = load<u32>(state + RNG + 12);
}

@inline
function storeRng(state: usize): void {
  store<u32>(state + RNG, s0);
  store<u32>(state + RNG + 4, s1);
  store<u32>(state + RNG + 8, s2);
  store<u32>(state + RNG + 12, s3);
}

/** xoshiro128**, as prng.ts. */
@inline
function nextUint32(): u32 {
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}

@inline
function nextFloat(): f64 {
  return <f64>nextUint32() * 2.3283064365386963e-10;
}

/** Adds sign·J to the field of every neighbour of k (unrolled by four, as the JavaScript loop). */
@inline
function addToNeighbours(rowPtr: usize, colIdx: usize, values: usize, field: usize, k: i32, sign: f64): void {
  let p = load<i32>(rowPtr + (<usize>k << 2));
  const end = load<i32>(rowPtr + (<usize>(k + 1) << 2));
  for (; p + 3 < end; p += 4) {
    const c = colIdx + (<usize>p << 2);
    const v = values + (<usize>p << 3);
    const f0 = field + (<usize>load<i32>(c) << 3);
    const f1 = field + (<usize>load<i32>(c, 4) << 3);
    const f2 = field + (<usize>load<i32>(c, 8) << 3);
    const f3 = field + (<usize>load<i32>(c, 12) << 3);
    store<f64>(f0, load<f64>(f0) + sign * load<f64>(v));
    store<f64>(f1, load<f64>(f1) + sign * load<f64>(v, 8));
    store<f64>(f2, load<f64>(f2) + sign * load<f64>(v, 16));
    store<f64>(f3, load<f64>(f3) + sign * load<f64>(v, 24));
  }
  for (; p < end; p++) {
    const f = field + (<usize>load<i32>(colIdx + (<usize>p << 2)) << 3);
    store<f64>(f, load<f64>(f) + sign * load<f64>(values + (<usize>p << 3)));
  }
}

/**
 * Metropolis sweeps `from` .. `to` of the schedule over the local fields (js-kernel.ts says how);
 * stops after the sweep whose energy reaches `targetWithSlack`. Returns the sweeps run.
 */
export function annealSweeps(
  n: i32, rowPtr: usize, colIdx: usize, values: usize, x: usize, field: usize, betas: usize,
  from: i32, to: i32, targetWithSlack: f64, state: usize,
): i32 {
  loadRng(state);
  let energy = load<f64>(state + ENERGY);
  let sweep = from;
  while (sweep < to) {
    const beta = load<f64>(betas + (<usize>sweep << 3));
    const skipAbove = UNDERFLOW_EXPONENT / beta;
    for (let i = 0; i < n; i++) {
      const xi = load<u8>(x + <usize>i);
      const f = load<f64>(field + (<usize>i << 3));
      const d = xi == 0 ? f : -f;
      if (d > 0) {
        if (d > skipAbove) continue;
        const t = beta * d;
        const u = nextFloat();
        if (u >= 1 - t && (u * (1 + t + 0.5 * t * t) >= 1 || u >= jsExp(-t))) continue;
      }
      store<u8>(x + <usize>i, xi ^ 1);
      energy += d;
      addToNeighbours(rowPtr, colIdx, values, field, i, xi == 0 ? 1 : -1);
    }
    sweep++;
    if (energy <= targetWithSlack) break;
  }
  store<f64>(state + ENERGY, energy);
  storeRng(state);
  return sweep - from;
}

/**
 * Tabu iterations of the current round until it ends (stall or budget), a new best energy is
 * found (copied to `best`), or the iteration count reaches a multiple of 256 (so the caller can
 * check its stop flag and clock; `skipCheck` resumes past that point). js-kernel.ts says how.
 */
export function tabuIterate(
  n: i32, rowPtr: usize, colIdx: usize, values: usize, x: usize, delta: usize, tabuUntil: usize,
  best: usize, roundBest: usize, state: usize, skipCheck: i32,
): i32 {
  loadRng(state);
  let energy = load<f64>(state + ENERGY);
  let bestEnergy = load<f64>(state + BEST_ENERGY);
  let roundBestEnergy = load<f64>(state + ROUND_BEST_ENERGY);
  let iteration = <i32>load<f64>(state + ITERATION);
  let stall = <i32>load<f64>(state + STALL);
  const tenure = <i32>load<f64>(state + TENURE);
  const stallIterations = <i32>load<f64>(state + STALL_ITERATIONS);
  const iterations = <i32>load<f64>(state + ITERATIONS);
  let check = skipCheck == 0;
  let status = TABU_ROUND_END;
  while (stall < stallIterations && iteration < iterations) {
    if (check && (iteration & CHECK_EVERY_MASK) == 0) {
      status = TABU_CHECK;
      break;
    }
    check = true;
    iteration++;
    stall++;
    const now = <f64>iteration;
    const aspiration = bestEnergy - energy - ENERGY_EPSILON;
    let move = -1;
    let moveDelta = Infinity;
    let ties: i32 = 0;
    for (let i = 0; i < n; i++) {
      const d = load<f64>(delta + (<usize>i << 3));
      if (load<f64>(tabuUntil + (<usize>i << 3)) > now && d >= aspiration) continue;
      if (d < moveDelta) {
        moveDelta = d;
        move = i;
        ties = 1;
      } else if (d == moveDelta) {
        ties++;
        if (Math.floor(nextFloat() * <f64>ties) == 0) move = i;
      }
    }
    if (move < 0) continue;
    const xm = load<u8>(x + <usize>move);
    store<u8>(x + <usize>move, xm ^ 1);
    store<f64>(delta + (<usize>move << 3), -moveDelta);
    energy += moveDelta;
    // delta_j moves by +J when x_j is 0 and by −J when it is 1, times the flip's sign.
    const sign: f64 = xm == 0 ? 1 : -1;
    const end = load<i32>(rowPtr + (<usize>(move + 1) << 2));
    for (let p = load<i32>(rowPtr + (<usize>move << 2)); p < end; p++) {
      const j = load<i32>(colIdx + (<usize>p << 2));
      const v = load<f64>(values + (<usize>p << 3));
      const dj = delta + (<usize>j << 3);
      store<f64>(dj, load<f64>(dj) + (load<u8>(x + <usize>j) == 0 ? sign * v : -sign * v));
    }
    store<f64>(tabuUntil + (<usize>move << 3), <f64>iteration + <f64>tenure);
    if (energy < roundBestEnergy - ENERGY_EPSILON) {
      roundBestEnergy = energy;
      memory.copy(roundBest, x, <usize>n);
      stall = 0;
      if (energy < bestEnergy - ENERGY_EPSILON) {
        bestEnergy = energy;
        memory.copy(best, x, <usize>n);
        status = TABU_NEW_BEST;
        break;
      }
    }
  }
  store<f64>(state + ENERGY, energy);
  store<f64>(state + BEST_ENERGY, bestEnergy);
  store<f64>(state + ROUND_BEST_ENERGY, roundBestEnergy);
  store<f64>(state + ITERATION, <f64>iteration);
  store<f64>(state + STALL, <f64>stall);
  storeRng(state);
  return status;
}

/** Where the layout may start: past this module's own static data. */
export function heapBase(): usize {
  return __heap_base;
}
