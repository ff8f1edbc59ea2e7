import { ErrorCode, platformError } from '../../../platform/errors';
import type { SolverPoolLoad } from '../../../platform/metrics/metrics';

/**
 * Bounds the synchronous solves of a process: at most `capacity` run at once (each takes its own
 * solver threads), at most `maxQueued` wait, and the rest are refused with SOLVER_BUSY at once
 * rather than taking memory and CPU from every other tenant's queries. The capacity can change
 * while it runs (`resize`), as predictive scaling will do.
 */
export class SolveGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private capacity: number,
    private readonly maxQueued: number,
    /** How long a refused caller should wait before retrying: about one solve. */
    private readonly retryAfterSeconds: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.capacity) {
      this.running += 1;
    } else {
      if (this.waiting.length >= this.maxQueued) {
        throw platformError(
          ErrorCode.SolverBusy,
          `The synchronous solver is at capacity (${this.running} running, ${this.waiting.length} waiting): retry in ${this.retryAfterSeconds} s, or submit a background job with submitSolveJob.`,
          { retryAfterSeconds: this.retryAfterSeconds },
        );
      }
      // Woken with a slot already counted for it (release hands its own over).
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Slots, the solves in them and the solves waiting for one (the `synchronous` solver-pool metrics). */
  load(): SolverPoolLoad {
    return { size: this.capacity, busy: this.running, queued: this.waiting.length };
  }

  resize(capacity: number): void {
    this.capacity = Math.max(1, Math.floor(capacity));
    while (this.running < this.capacity && this.waiting.length > 0) {
      this.running += 1;
      this.waiting.shift()!();
    }
  }

  private release(): void {
    const next = this.running <= this.capacity ? this.waiting.shift() : undefined;
    if (next) next();
    else this.running -= 1;
  }
}

const gates = new WeakMap<object, SolveGate>();

/** The one gate of a process's synchronous solves (keyed by its dependencies, like the audit batcher by its store). */
export function solveGateFor(owner: object, settings: { readonly concurrentSolves: number; readonly queuedSolves: number; readonly maxTimeMs: number }): SolveGate {
  let gate = gates.get(owner);
  if (!gate) {
    gate = new SolveGate(settings.concurrentSolves, settings.queuedSolves, Math.max(1, Math.ceil(settings.maxTimeMs / 1000)));
    gates.set(owner, gate);
  }
  return gate;
}
