import type { OutputStream } from './cli-io';
import { progressBar, StatusLine } from './status-line';

export interface CountProgressOptions {
  /** What is counted, plural: "entries verified", "events read". */
  readonly unit: string;
  readonly now?: () => number;
}

/** Progress of a long walk (entries verified, events read); without a known total, the count alone. */
export class CountProgress {
  private readonly line: StatusLine;

  constructor(
    stream: OutputStream,
    private readonly options: CountProgressOptions,
  ) {
    this.line = new StatusLine(stream, options.now);
  }

  update(done: number, total?: number): void {
    this.line.update(this.text(done, total));
  }

  /** Ends the bar's line with the final count. */
  finish(done: number, total?: number): void {
    this.line.finish(() => `done ${this.text(done, total ?? done)}`);
  }

  private text(done: number, total: number | undefined): string {
    if (total === undefined || total <= 0) return `${done} ${this.options.unit}`;
    return `${progressBar(done / total)} ${done}/${total} ${this.options.unit}`;
  }
}
