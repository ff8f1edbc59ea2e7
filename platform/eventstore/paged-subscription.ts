import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventSubscription, RecordedEvent } from './port';

export interface PagedSubscriptionOptions {
  readonly after: number;
  /** The matching events after `after`, up to `upTo`, at most `limit` of them. */
  readonly readPage: (after: number, upTo: number, limit: number) => RecordedEvent[] | Promise<RecordedEvent[]>;
  readonly readHeadPosition: () => number | Promise<number>;
  /** Tells of every head the store learns of (its own commits, other processes' found by polling or notification); returns how to stop. */
  readonly watcher: { watch(listener: (head: number) => void): () => void };
  readonly pageSize: number;
  readonly onCheckpoint?: (position: number) => void;
  readonly onClose: () => void;
}

/**
 * Catch-up then live, with one code path for both, for the stores whose positions are contiguous
 * and become visible in commit order (SQLite, where the write lock assigns them; PostgreSQL, where
 * the append lock does): read the next page of matching events between what was scanned and the
 * head; when there is none, wait for the head to move. Every event at or below a head that was read
 * or announced is already committed, so scanning up to it never skips a late commit, and resuming
 * after a checkpoint neither skips nor repeats anything.
 *
 * Its buffer is one page (`pageSize` events), read only when the consumer asks for more, so a
 * consumer that stops pulling holds one page however far the log grows. While catching up (the
 * last page was full) it lets the event loop turn before reading the next page: many subscribers
 * working through a backlog at once then take turns with every other request instead of running
 * their whole backlog as one burst of microtasks.
 *
 * A read may be asynchronous, so the head can move while it is in flight: wake-ups are counted,
 * and one that arrived during the read sends it round again instead of being lost.
 */
export class PagedSubscription implements EventSubscription {
  private buffer: RecordedEvent[] = [];
  private bufferIndex = 0;
  /** Every event at or below this position has been read (matching) or passed over (not matching). */
  private scannedUpTo: number;
  private catchingUp = false;
  private reportedCheckpoint: number;
  private closed = false;
  private wakeUps = 0;
  /** The highest head announced (this store's commits, NOTIFY payloads, the poll): committed, so safe to read up to without asking. */
  private announcedHead = 0;
  private headMoved: { promise: Promise<void>; resolve: () => void } | undefined;
  private readonly stopWatching: () => void;

  constructor(private readonly options: PagedSubscriptionOptions) {
    this.scannedUpTo = options.after;
    this.reportedCheckpoint = options.after;
    this.stopWatching = options.watcher.watch((head) => {
      this.announcedHead = Math.max(this.announcedHead, head);
      if (head > this.scannedUpTo) this.wake();
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopWatching();
    this.wake();
    this.options.onClose();
  }

  private async next(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.closed) {
      if (this.bufferIndex < this.buffer.length) return { done: false, value: this.buffer[this.bufferIndex++]! };
      // The consumer asks for more only after handling what it was given, so everything up to
      // scannedUpTo is now dealt with and a checkpoint there is safe to persist.
      this.reportCheckpoint();
      if (this.catchingUp) {
        await nextTurn();
        if (this.closed) break;
      }
      const wakeUpsBefore = this.wakeUps;
      let read: boolean;
      try {
        read = await this.readNextPage();
      } catch (error) {
        // A read cut short by close() (the store's pool ending) is the end of the iteration, not a failure.
        if (this.closed) break;
        throw error;
      }
      if (!read && this.wakeUps === wakeUpsBefore) await this.waitForHeadToMove();
    }
    return { done: true, value: undefined };
  }

  private async readNextPage(): Promise<boolean> {
    // A wake-up carries the new head, so many live subscribers cost one page read each per append, not two queries.
    const head = this.announcedHead > this.scannedUpTo ? this.announcedHead : await this.options.readHeadPosition();
    if (head <= this.scannedUpTo || this.closed) return false;
    const page = await this.options.readPage(this.scannedUpTo, head, this.options.pageSize);
    this.buffer = page;
    this.bufferIndex = 0;
    this.catchingUp = page.length === this.options.pageSize;
    this.scannedUpTo = this.catchingUp ? page[page.length - 1]!.position : head;
    return true;
  }

  private reportCheckpoint(): void {
    if (!this.options.onCheckpoint || this.scannedUpTo <= this.reportedCheckpoint) return;
    this.reportedCheckpoint = this.scannedUpTo;
    this.options.onCheckpoint(this.scannedUpTo);
  }

  private waitForHeadToMove(): Promise<void> {
    if (!this.headMoved) {
      let resolve!: () => void;
      const promise = new Promise<void>((settle) => (resolve = settle));
      this.headMoved = { promise, resolve };
    }
    return this.headMoved.promise;
  }

  private wake(): void {
    this.wakeUps++;
    const headMoved = this.headMoved;
    this.headMoved = undefined;
    headMoved?.resolve();
  }
}
