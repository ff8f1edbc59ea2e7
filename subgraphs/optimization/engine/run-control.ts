/**
 * What a running kernel checks between sweeps/iterations: a shared stop flag (set by the
 * coordinator on cancel or time-out, or by any worker that reaches the target energy, so one
 * worker's success stops all of them), its own deadline, and the target energy.
 */
export interface RunControl {
  /** Int32Array over a SharedArrayBuffer; element 0 ≠ 0 means stop. */
  readonly stop: Int32Array;
  /** Absolute wall-clock deadline in ms (see nowMs); Infinity when there is none. */
  readonly deadline: number;
  /** Stop as soon as an energy ≤ this is reached; -Infinity when there is none. */
  readonly targetEnergy: number;
  /** Told of each new best energy inside a long run (throttling is the listener's job). */
  readonly report?: (energy: number, at: number) => void;
}

/** Tolerance for comparing accumulated floating-point energies against the target. */
export const ENERGY_EPSILON = 1e-9;

/** Absolute time in ms with sub-ms resolution that is comparable across worker threads. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export function shouldStop(control: RunControl): boolean {
  return Atomics.load(control.stop, 0) !== 0 || nowMs() >= control.deadline;
}

export function reachedTarget(control: RunControl, energy: number): boolean {
  if (energy <= control.targetEnergy + ENERGY_EPSILON) {
    Atomics.store(control.stop, 0, 1);
    return true;
  }
  return false;
}

export function newStopFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}
