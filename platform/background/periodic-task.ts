/**
 * Work a process does on a timer (a scheduler's tick, a refresher's sweep): one run at a time, a
 * run asked for while one is going joins it instead of doubling it, and stop waits for the run in
 * progress. The timer does not keep the process alive.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly intervalMs: number,
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs the work now, or waits for the run already going. */
  async runOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.work()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
