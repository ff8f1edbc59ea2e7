import { energyOf, type CompiledQubo } from './compiled-qubo';
import { computeFlipDeltas } from './flip-deltas';
import { Slot, TabuStatus, type SolverKernel } from './kernel/kernel-state';
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
export function tabuSearch(qubo: CompiledQubo, params: TabuParams, rng: Xoshiro128, control: RunControl, kernel: SolverKernel): TabuOutcome {
  const n = qubo.n;
  const ws = kernel.workspace(qubo, 0);
  const { x, field: delta, tabuUntil, best, roundBest, state } = ws;
  for (let i = 0; i < n; i++) x[i] = rng.nextUint32() & 1;
  let bestAt = nowMs();
  const elite: Elite[] = [];
  let stoppedEarly = false;
  state[Slot.bestEnergy] = Infinity;
  state[Slot.iteration] = 0;
  state[Slot.stallIterations] = params.stallIterations;
  state[Slot.iterations] = params.iterations;

  while (state[Slot.iteration] < params.iterations && !stoppedEarly) {
    computeFlipDeltas(qubo, x, delta);
    const energy = energyOf(qubo, x);
    tabuUntil.fill(0);
    state[Slot.tenure] = Math.min(Math.max(1, Math.floor(n / 4)), Math.floor(n / 100) + 1 + rng.nextInt(10));
    state[Slot.energy] = energy;
    state[Slot.roundBestEnergy] = energy;
    state[Slot.stall] = 0;
    roundBest.set(x);
    let status: TabuStatus = TabuStatus.check;
    let skipCheck = false;
    while (status !== TabuStatus.roundEnd) {
      status = kernel.tabuIterate(ws, rng, skipCheck);
      skipCheck = false;
      if (status === TabuStatus.check) {
        if (shouldStop(control)) {
          stoppedEarly = true;
          break;
        }
        skipCheck = true;
      } else if (status === TabuStatus.newBest) {
        bestAt = nowMs();
        control.report?.(state[Slot.bestEnergy], bestAt);
        if (reachedTarget(control, state[Slot.bestEnergy])) {
          stoppedEarly = true;
          break;
        }
      }
    }
    const roundBestEnergy = state[Slot.roundBestEnergy];
    if (roundBestEnergy < state[Slot.bestEnergy] - ENERGY_EPSILON) {
      state[Slot.bestEnergy] = roundBestEnergy;
      best.set(roundBest);
      bestAt = nowMs();
    }
    admitToElite(elite, roundBest, roundBestEnergy, params.eliteSize);
    const start = elite[rng.nextInt(elite.length)];
    x.set(start.x);
    const kicks = Math.floor(n / 10) + rng.nextInt(Math.max(1, Math.floor(n / 4) - Math.floor(n / 10) + 1));
    for (let k = 0; k < kicks; k++) x[rng.nextInt(n)] ^= 1;
  }
  return { x: best.slice(), energy: state[Slot.bestEnergy], flipsAttempted: state[Slot.iteration] * n, bestAt, stoppedEarly };
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
