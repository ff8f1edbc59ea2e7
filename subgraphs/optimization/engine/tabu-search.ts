import { energyOf, type CompiledQubo } from './compiled-qubo';
import { computeFlipDeltas } from './flip-deltas';
import type { Xoshiro128 } from './prng';
import { ENERGY_EPSILON, nowMs, reachedTarget, shouldStop, type RunControl } from './run-control';

export interface TabuParams {
  /** Total single-flip iterations for this run (the iteration budget). */
  readonly iterations: number;
  /** A round ends after this many iterations without improving the round's best. */
  readonly stallIterations: number;
  /** Size of the elite set that new rounds restart from. */
  readonly eliteSize: number;
}

export interface TabuOutcome {
  readonly x: Uint8Array;
  /** Energy including the offset. */
  readonly energy: number;
  readonly flipsAttempted: number;
  /** Absolute time (nowMs) at which the returned state was first reached. */
  readonly bestAt: number;
  readonly stoppedEarly: boolean;
}

interface Elite {
  readonly x: Uint8Array;
  readonly energy: number;
}

/** Iterations between checks of the stop flag and the clock. */
const CHECK_EVERY = 256;

/** Sensible defaults for a problem of n variables (n/100-ish tenure per Palubeckis' MST). */
export function defaultTabuParams(n: number): TabuParams {
  return { iterations: Math.max(200_000, 400 * n), stallIterations: Math.max(2_000, 20 * n), eliteSize: 8 };
}

/**
 * Single-flip tabu search with restarts from perturbed elite solutions (in the spirit of
 * Glover/Lü/Hao's and Palubeckis' multistart tabu searches for UBQP).
 *
 * Each iteration takes the best flip over the cached flip energies among the non-tabu
 * variables, or a tabu one when it would beat the best energy seen (aspiration); ties are broken
 * at random. A flipped variable stays tabu for `tenure` iterations, redrawn each round as
 * n/100 + U(1..10), at most n/4. A round ends when its best stops improving; its best joins the
 * elite set (distinct energies, the worst dropped), and the next round starts from a random
 * elite member with a random n/10..n/4 of its bits flipped.
 */
export function tabuSearch(qubo: CompiledQubo, params: TabuParams, rng: Xoshiro128, control: RunControl): TabuOutcome {
  const n = qubo.n;
  const rowPtr = qubo.rowPtr;
  const colIdx = qubo.colIdx;
  const values = qubo.values;
  const x = new Uint8Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.nextUint32() & 1;
  const delta = new Float64Array(n);
  const tabuUntil = new Float64Array(n);
  const best = new Uint8Array(n);
  const roundBest = new Uint8Array(n);
  let bestEnergy = Infinity;
  let bestAt = nowMs();
  const elite: Elite[] = [];
  let iteration = 0;
  let stoppedEarly = false;

  while (iteration < params.iterations && !stoppedEarly) {
    computeFlipDeltas(qubo, x, delta);
    let energy = energyOf(qubo, x);
    tabuUntil.fill(0);
    const tenure = Math.min(Math.max(1, Math.floor(n / 4)), Math.floor(n / 100) + 1 + rng.nextInt(10));
    let roundBestEnergy = energy;
    roundBest.set(x);
    let stall = 0;
    while (stall < params.stallIterations && iteration < params.iterations) {
      if ((iteration & (CHECK_EVERY - 1)) === 0 && shouldStop(control)) {
        stoppedEarly = true;
        break;
      }
      iteration++;
      stall++;
      const aspiration = bestEnergy - energy - ENERGY_EPSILON;
      let move = -1;
      let moveDelta = Infinity;
      let ties = 0;
      for (let i = 0; i < n; i++) {
        const d = delta[i];
        if (tabuUntil[i] > iteration && d >= aspiration) continue;
        if (d < moveDelta) {
          moveDelta = d;
          move = i;
          ties = 1;
        } else if (d === moveDelta && rng.nextInt(++ties) === 0) {
          move = i;
        }
      }
      if (move < 0) continue;
      const sign = x[move] === 0 ? 1 : -1;
      x[move] ^= 1;
      delta[move] = -moveDelta;
      energy += moveDelta;
      for (let p = rowPtr[move]; p < rowPtr[move + 1]; p++) {
        const j = colIdx[p];
        delta[j] += x[j] === 0 ? sign * values[p] : -sign * values[p];
      }
      tabuUntil[move] = iteration + tenure;
      if (energy < roundBestEnergy - ENERGY_EPSILON) {
        roundBestEnergy = energy;
        roundBest.set(x);
        stall = 0;
        if (energy < bestEnergy - ENERGY_EPSILON) {
          bestEnergy = energy;
          best.set(x);
          bestAt = nowMs();
          control.report?.(energy, bestAt);
          if (reachedTarget(control, energy)) {
            stoppedEarly = true;
            break;
          }
        }
      }
    }
    if (roundBestEnergy < bestEnergy - ENERGY_EPSILON) {
      bestEnergy = roundBestEnergy;
      best.set(roundBest);
      bestAt = nowMs();
    }
    admitToElite(elite, roundBest, roundBestEnergy, params.eliteSize);
    const start = elite[rng.nextInt(elite.length)];
    x.set(start.x);
    const kicks = Math.floor(n / 10) + rng.nextInt(Math.max(1, Math.floor(n / 4) - Math.floor(n / 10) + 1));
    for (let k = 0; k < kicks; k++) x[rng.nextInt(n)] ^= 1;
  }
  return { x: best, energy: bestEnergy, flipsAttempted: iteration * n, bestAt, stoppedEarly };
}

function admitToElite(elite: Elite[], x: Uint8Array, energy: number, size: number): void {
  if (elite.some((e) => Math.abs(e.energy - energy) <= ENERGY_EPSILON)) return;
  if (elite.length < size) {
    elite.push({ x: x.slice(), energy });
    return;
  }
  let worst = 0;
  for (let k = 1; k < elite.length; k++) if (elite[k].energy > elite[worst].energy) worst = k;
  if (energy < elite[worst].energy) elite[worst] = { x: x.slice(), energy };
}
