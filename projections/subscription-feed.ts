import type { EventFilter, EventStore, EventSubscription, RecordedEvent } from '../platform/eventstore/port';

export interface FeedBatch {
  readonly events: RecordedEvent[];
  /** The position to commit with these events: past them, and past filtered-out events the subscription reported. */
  readonly checkpoint: number;
}

interface ReportedCheckpoint {
  readonly position: number;
  /** The last event queued when the report came: the checkpoint is safe once it is committed. */
  readonly requires: number;
}

/**
 * Pulls a subscription into a queue so the projection can take what has arrived in one batch
 * instead of one event at a time. The subscription reports a checkpoint (for events it filtered
 * out) only when asked for the next event, which this feed does as soon as it has queued the
 * last one; such a report is therefore applied only once everything queued before it is committed.
 */
export class SubscriptionFeed {
  private readonly queue: RecordedEvent[] = [];
  private readonly reports: ReportedCheckpoint[] = [];
  private readonly subscription: EventSubscription;
  private readonly pumping: Promise<void>;
  private lastQueued: number;
  private closed = false;
  private ended = false;
  private failure: unknown;
  private wakeConsumer: (() => void) | undefined;
  private wakePump: (() => void) | undefined;

  constructor(
    eventStore: EventStore,
    options: { readonly after: number | undefined; readonly filter: EventFilter | undefined; readonly maxQueued: number },
  ) {
    this.lastQueued = options.after ?? 0;
    this.subscription = eventStore.subscribeToAll({
      after: options.after,
      filter: options.filter,
      onCheckpoint: (position) => {
        this.reports.push({ position, requires: this.lastQueued });
        this.wake();
      },
    });
    this.pumping = this.pump(options.maxQueued);
  }

  /** Whether the subscription has ended (closed or failed) and every queued event was taken. */
  get exhausted(): boolean {
    return this.ended && this.queue.length === 0;
  }

  /** Why the subscription ended, when it failed. */
  get error(): unknown {
    return this.failure;
  }

  /** Resolves when there is something to commit beyond `committed`, or the feed is exhausted. */
  async waitForWork(committed: number): Promise<void> {
    while (!this.exhausted && this.queue.length === 0 && !this.hasSafeReport(committed)) {
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
  }

  /** Takes up to `max` queued events with the checkpoint to commit them with; undefined when there is nothing to commit. */
  take(max: number, committed: number): FeedBatch | undefined {
    const events = this.queue.splice(0, max);
    this.wakePump?.();
    const upTo = events.length > 0 ? events[events.length - 1].position : committed;
    let checkpoint = upTo;
    while (this.reports.length > 0 && this.reports[0].requires <= upTo) {
      checkpoint = Math.max(checkpoint, this.reports.shift()!.position);
    }
    if (events.length === 0 && checkpoint <= committed) return undefined;
    return { events, checkpoint };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakePump?.();
    await this.subscription.close();
    await this.pumping;
  }

  private async pump(maxQueued: number): Promise<void> {
    try {
      for await (const event of this.subscription) {
        this.queue.push(event);
        this.lastQueued = event.position;
        this.wake();
        // Back-pressure: a slow projection does not make the feed read the whole log into memory.
        while (this.queue.length >= maxQueued && !this.closed) await new Promise<void>((resolve) => (this.wakePump = resolve));
        if (this.closed) break;
      }
    } catch (error) {
      if (!this.closed) this.failure = error;
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private hasSafeReport(committed: number): boolean {
    return this.reports.some((report) => report.requires <= committed && report.position > committed);
  }

  private wake(): void {
    const wake = this.wakeConsumer;
    this.wakeConsumer = undefined;
    wake?.();
  }
}
