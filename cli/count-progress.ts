import type { OutputStream } from './cli-io';

const TTY_INTERVAL_MS = 250;
const LOG_INTERVAL_MS = 1000;
const BAR_WIDTH = 20;
const CLEAR_TO_END = '\x1b[K';

export interface CountProgressOptions {
  /** What is counted, plural: "entries verified", "events read". */
  readonly unit: string;
  readonly now?: () => number;
}

/**
 * Progress of a long walk (entries verified, events read) on stderr: on a terminal a bar redrawn
 * in place; otherwise a plain line at most once a second, so logs stay readable. Without a known
 * total it shows the count alone. It never touches stdout, which carries the result.
 */
export class CountProgress {
  private readonly tty: boolean;
  private readonly now: () => number;
  private lastDrawnAt = -Infinity;
  private drewInPlace = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly options: CountProgressOptions,
  ) {
    this.tty = stream.isTTY === true;
    this.now = options.now ?? (() => performance.now());
  }

  update(done: number, total?: number): void {
    const at = this.now();
    if (at - this.lastDrawnAt < (this.tty ? TTY_INTERVAL_MS : LOG_INTERVAL_MS)) return;
    this.lastDrawnAt = at;
    if (this.tty) {
      this.stream.write(`\r${this.line(done, total)}${CLEAR_TO_END}`);
      this.drewInPlace = true;
    } else {
      this.stream.write(`progress ${this.line(done, total)}\n`);
    }
  }

  /** Ends the bar's line with the final count. */
  finish(done: number, total?: number): void {
    const line = `done ${this.line(done, total ?? done)}`;
    this.stream.write(this.drewInPlace ? `\r${line}${CLEAR_TO_END}\n` : `${line}\n`);
  }

  private line(done: number, total: number | undefined): string {
    if (total === undefined || total <= 0) return `${done} ${this.options.unit}`;
    const filled = Math.round(Math.min(1, done / total) * BAR_WIDTH);
    return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${this.options.unit}`;
  }
}
