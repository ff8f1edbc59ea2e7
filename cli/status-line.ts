import type { OutputStream } from './cli-io';

/** A terminal redraws in place, so it can take updates often; the solve engine itself sends ≤ 4/s. */
const TTY_INTERVAL_MS = 250;
/** Logs (CI, redirected stderr) get one line a second at most, so they stay readable. */
const LOG_INTERVAL_MS = 1000;
const BAR_WIDTH = 20;
/** Erase from the cursor to the end of the line: a shorter redraw leaves no stale characters. */
const CLEAR_TO_END = '\x1b[K';

/**
 * One line of progress on stderr, shared by every long-running command: on a terminal redrawn in
 * place with \r; otherwise plain `progress …` lines. Updates are throttled. It never touches
 * stdout, which carries the command's result.
 */
export class StatusLine {
  readonly tty: boolean;
  private readonly now: () => number;
  private lastDrawnAt = -Infinity;
  private drewInPlace = false;

  constructor(
    private readonly stream: OutputStream,
    now?: () => number,
  ) {
    this.tty = stream.isTTY === true;
    this.now = now ?? (() => performance.now());
  }

  update(text: string): void {
    const at = this.now();
    if (at - this.lastDrawnAt < (this.tty ? TTY_INTERVAL_MS : LOG_INTERVAL_MS)) return;
    this.lastDrawnAt = at;
    if (this.tty) {
      this.stream.write(`\r${text}${CLEAR_TO_END}`);
      this.drewInPlace = true;
    } else {
      this.stream.write(`progress ${text}\n`);
    }
  }

  /** Ends the line (over the bar when one was drawn), so whatever stderr gets next starts fresh. */
  finish(text: (drewInPlace: boolean) => string): void {
    this.stream.write(this.drewInPlace ? `\r${text(true)}${CLEAR_TO_END}\n` : `${text(false)}\n`);
  }
}

export function progressBar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
}
