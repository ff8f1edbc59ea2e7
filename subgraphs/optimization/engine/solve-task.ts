import { energyOf, type CompiledQubo } from './compiled-qubo';
import { betaRangeFor, betaSchedule, type BetaRange, type ScheduleKind } from './beta-schedule';
import { Xoshiro128 } from './prng';
import { nowMs, reachedTarget, type RunControl } from './run-control';
import type { KernelName } from './kernel/kernel-state';
import { kernelNamed } from './kernel/select-kernel';
import { anneal } from './simulated-annealing';
import { steepestDescent } from './steepest-descent';
import { tabuSearch, type TabuParams } from './tabu-search';

export type KernelStrategy = 'SA' | 'TABU';

export interface AnnealSettings {
  readonly sweeps: number;
  readonly schedule: ScheduleKind;
  /** Omitted: derived from the coefficients (betaRangeFor). */
  readonly betaRange?: BetaRange;
}

/** One restart: everything a thread needs besides the problem and the shared stop flag. */
export interface TaskSpec {
  readonly index: number;
  readonly seed: number;
  readonly strategy: KernelStrategy;
  /** Which implementation of the inner loops runs it (the same samples either way). */
  readonly kernel: KernelName;
  readonly anneal: AnnealSettings;
  readonly tabu: TabuParams;
  readonly deadline: number;
  readonly targetEnergy: number;
}

export interface TaskResult {
  readonly index: number;
  readonly x: Uint8Array;
  /** Exact energy of x (recomputed, offset included) after the polish. */
  readonly energy: number;
  readonly flipsAttempted: number;
  /** Absolute time (nowMs) the returned sample was reached. */
  readonly bestAt: number;
  readonly stoppedEarly: boolean;
}

/**
 * Runs one restart with the chosen strategy and polishes its sample by steepest descent. Pure
 * apart from the clock and the stop flag, so the same code runs in the calling thread and in a
 * worker, and a restart's outcome depends only on its seed while it is not stopped early.
 */
export function runTask(qubo: CompiledQubo, spec: TaskSpec, stop: Int32Array, report?: RunControl['report']): TaskResult {
  const control: RunControl = { stop, deadline: spec.deadline, targetEnergy: spec.targetEnergy, report };
  const rng = new Xoshiro128(spec.seed);
  const kernel = kernelNamed(spec.kernel);
  let x: Uint8Array;
  let flipsAttempted: number;
  let bestAt: number;
  let stoppedEarly: boolean;
  if (spec.strategy === 'SA') {
    const range = spec.anneal.betaRange ?? betaRangeFor(qubo);
    const outcome = anneal(qubo, betaSchedule(range, spec.anneal.sweeps, spec.anneal.schedule), rng, control, kernel);
    ({ x, flipsAttempted, stoppedEarly } = outcome);
    bestAt = nowMs();
  } else {
    ({ x, flipsAttempted, bestAt, stoppedEarly } = tabuSearch(qubo, spec.tabu, rng, control, kernel));
  }
  if (steepestDescent(qubo, x) > 0) bestAt = nowMs();
  const energy = energyOf(qubo, x);
  if (reachedTarget(control, energy)) stoppedEarly = true;
  return { index: spec.index, x, energy, flipsAttempted, bestAt, stoppedEarly };
}
