export type HeadListener = (headPosition: number) => void;

/**
 * Tells live subscriptions that the log may have grown. Appends made through this store announce
 * themselves straight after COMMIT (sub-millisecond delivery); appends made by other processes
 * on the same file are found by polling the head position, which costs one indexed MAX per tick.
 */
export class HeadWatcher {
  private readonly listeners = new Set<HeadListener>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly readHeadPosition: () => number,
    private readonly pollIntervalMs: number,
  ) {}

  /** Returns the function that stops watching. Polling runs only while someone watches. */
  watch(listener: HeadListener): () => void {
    this.listeners.add(listener);
    this.timer ??= setInterval(() => this.poll(), this.pollIntervalMs);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopPolling();
    };
  }

  announce(headPosition: number): void {
    for (const listener of [...this.listeners]) listener(headPosition);
  }

  private poll(): void {
    let headPosition: number;
    try {
      headPosition = this.readHeadPosition();
    } catch {
      // A transient read failure only delays discovery to the next tick; a lasting one surfaces
      // in the subscribers' own reads. Throwing here would crash the process from a timer.
      return;
    }
    this.announce(headPosition);
  }

  stop(): void {
    this.listeners.clear();
    this.stopPolling();
  }

  private stopPolling(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
