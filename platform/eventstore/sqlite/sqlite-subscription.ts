import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventSubscription, RecordedEvent } from '../port';
import type { FilteredPageReader } from './event-reader';
import type { HeadWatcher } from './head-watcher';

export interface SqliteSubscriptionOptions {
  readonly after: number;
  readonly readPage: FilteredPageReader;
  readonly readHeadPosition: () => number;
  readonly watcher: HeadWatcher;
  readonly pageSize: number;
  readonly onCheckpoint?: (position: number) => void;
  readonly onClose: () => void;
}

/**
 * Catch-up then live, with one code path for both: read the next page of matching events
 * between what was scanned and the head; when there is none, wait for the head to move.
 *
 * Positions are contiguous and assigned under the write lock, so every event at or below a head
 * position that has been read is already committed: scanning up to it can never skip a late
 * commit, and resuming after a checkpoint neither skips nor repeats anything.
 *
 * Its buffer is one page (`pageSize` events), read only when the consumer asks for more, so a
 * consumer that stops pulling holds one page however far the log grows. While catching up (the
 * last page was full) it lets the event loop turn before reading the next page: many subscribers
 * working through a backlog at once then take turns with every other request instead of running
 * their whole backlog as one burst of microtasks.
 */
export class SqliteSubscription implements EventSubscription {
  private buffer: RecordedEvent[] = [];
  private bufferIndex = 0;
  /** Every event at or below this position has been read (matching) or passed over (not matching). */
  private scannedUpTo: number;
  private catchingUp = false;
  private reportedCheckpoint: number;
  private closed = false;
  private headMoved: { promise: Promise<void>; resolve: () => void } | undefined;
  private readonly stopWatching: () => void;

  constructor(private readonly options: SqliteSubscriptionOptions) {
    this.scannedUpTo = options.after;
    this.reportedCheckpoint = options.after;
    this.stopWatching = options.watcher.watch((head) => {
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
      if (!this.readNextPage()) await this.waitForHeadToMove();
    }
    return { done: true, value: undefined };
  }

  private readNextPage(): boolean {
    const head = this.options.readHeadPosition();
    if (head <= this.scannedUpTo) return false;
    const page = this.options.readPage(this.scannedUpTo, head, this.options.pageSize);
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
    const headMoved = this.headMoved;
    this.headMoved = undefined;
    headMoved?.resolve();
  }
}
