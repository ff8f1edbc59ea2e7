import type { SolveProgress } from '../subgraphs/optimization/engine/solve-types';
import type { OutputStream } from './cli-io';
import { formatNumber, formatSeconds } from './format-number';

/** A terminal redraws in place, so it can take updates often; the engine itself sends ≤ 4/s. */
const TTY_INTERVAL_MS = 250;
/** Logs (CI, redirected stderr) get one line a second at most, so they stay readable. */
const LOG_INTERVAL_MS = 1000;
const BAR_WIDTH = 20;
/** Erase from the cursor to the end of the line: a shorter redraw leaves no stale characters. */
const CLEAR_TO_END = '\x1b[K';

export interface ProgressBarOptions {
  readonly timeLimitMs: number;
  /** Turns a minimised energy into the file's own value (bqp maximum, cut, ...). */
  readonly toObjective: (energy: number) => number;
  readonly now?: () => number;
}

/**
 * Solve progress on stderr: on a terminal a bar redrawn in place with \r; otherwise plain lines,
 * at most one per second. It never touches stdout, which carries only the JSON result.
 */
export class ProgressBar {
  private readonly tty: boolean;
  private readonly now: () => number;
  private lastDrawnAt = -Infinity;
  private drewInPlace = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly options: ProgressBarOptions,
  ) {
    this.tty = stream.isTTY === true;
    this.now = options.now ?? (() => performance.now());
  }

  update(progress: SolveProgress): void {
    const at = this.now();
    if (at - this.lastDrawnAt < (this.tty ? TTY_INTERVAL_MS : LOG_INTERVAL_MS)) return;
    this.lastDrawnAt = at;
    if (this.tty) {
      this.stream.write(`\r${this.bar(progress.fractionOfBudget)} ${this.status(progress)}${CLEAR_TO_END}`);
      this.drewInPlace = true;
    } else {
      this.stream.write(`progress ${this.status(progress)}\n`);
    }
  }

  /** Ends the bar's line, so whatever stderr gets next starts on a fresh one. */
  finish(progress: SolveProgress): void {
    const done = `done ${this.status(progress)}`;
    this.stream.write(this.drewInPlace ? `\r${this.bar(1)} ${done}${CLEAR_TO_END}\n` : `${done}\n`);
  }

  private bar(fraction: number): string {
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
    return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  }

  private status({ bestEnergy, elapsedMs }: SolveProgress): string {
    const objective = Number.isFinite(bestEnergy) ? this.options.toObjective(bestEnergy) : NaN;
    return `${formatSeconds(elapsedMs)}/${formatSeconds(this.options.timeLimitMs)}  best objective ${formatNumber(objective)}  energy ${formatNumber(bestEnergy)}`;
  }
}
