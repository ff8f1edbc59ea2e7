import type { SolveProgress } from '../subgraphs/optimization/engine/solve-types';
import type { OutputStream } from './cli-io';
import { formatNumber, formatSeconds } from './format-number';
import { progressBar, StatusLine } from './status-line';

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
  private readonly line: StatusLine;

  constructor(
    stream: OutputStream,
    private readonly options: ProgressBarOptions,
  ) {
    this.line = new StatusLine(stream, options.now);
  }

  update(progress: SolveProgress): void {
    this.line.update(this.line.tty ? `${progressBar(progress.fractionOfBudget)} ${this.status(progress)}` : this.status(progress));
  }

  /** Ends the bar's line, so whatever stderr gets next starts on a fresh one. */
  finish(progress: SolveProgress): void {
    this.line.finish((overBar) => `${overBar ? `${progressBar(1)} ` : ''}done ${this.status(progress)}`);
  }

  private status({ bestEnergy, elapsedMs }: SolveProgress): string {
    const objective = Number.isFinite(bestEnergy) ? this.options.toObjective(bestEnergy) : NaN;
    return `${formatSeconds(elapsedMs)}/${formatSeconds(this.options.timeLimitMs)}  best objective ${formatNumber(objective)}  energy ${formatNumber(bestEnergy)}`;
  }
}
