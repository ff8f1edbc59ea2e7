import type { AllStreamResolvedEvent, AllStreamSubscription, Position } from '@eventstore/db-client';
import type { EventFilter, EventSubscription, RecordedEvent } from '../port';
import { matchesFilter } from '../port';
import { isSystemEvent, toRecordedEvent } from './event-mapping';
import { toPortPosition } from './positions';

/**
 * A checkpoint travelling through the subscription's own buffer. The client calls
 * checkpointReached while events before it may still sit unread in that buffer; pushing the
 * checkpoint behind them keeps the order, so it is reported only once the consumer has handled
 * every earlier event.
 */
class CheckpointMarker {
  constructor(readonly position: number) {}
}

/** The part of the client's subscription this wrapper uses; a plain object-mode stream can stand in for it in tests. */
export type SubscriptionSource = Pick<AllStreamSubscription, 'push' | 'unsubscribe' | 'destroy' | 'on'> & AsyncIterable<unknown>;

export function pushCheckpoint(source: Pick<SubscriptionSource, 'push'>, position: Position): void {
  const commit = toPortPosition(position.commit);
  if (commit !== undefined) source.push(new CheckpointMarker(commit));
}

const CLOSED = Symbol('closed');

export interface EsdbSubscriptionOptions {
  /** The position the subscription resumes after; nothing at or below it is reported again. */
  readonly after?: number;
  readonly filter?: EventFilter;
  readonly onCheckpoint?: (position: number) => void;
  readonly onClose?: () => void;
}

export class EsdbSubscription implements EventSubscription {
  /** Highest position delivered or reported: checkpoints below it are stale and never sent back. */
  private progress: number;
  private closed = false;
  private signalClosed!: () => void;
  private signalFailed!: (error: unknown) => void;
  /** Settles when the subscription ends: CLOSED on close(), rejected when the server connection fails. */
  private readonly stopped = new Promise<typeof CLOSED>((resolve, reject) => {
    this.signalClosed = () => resolve(CLOSED);
    this.signalFailed = reject;
  });

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: EsdbSubscriptionOptions,
  ) {
    this.progress = options.after ?? 0;
    this.stopped.catch(() => undefined);
    // The client emits connection errors as 'error' events, possibly before anyone iterates:
    // without a listener they would crash the process instead of failing the iteration.
    source.on('error', (error: unknown) => this.signalFailed(error));
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClosed();
    // A subscription whose connection already failed has nothing left to cancel, and its
    // failure was reported to the iterator.
    await this.source.unsubscribe().catch(() => undefined);
    this.source.destroy();
    this.options.onClose?.();
  }

  private async *events(): AsyncGenerator<RecordedEvent> {
    const items = this.source[Symbol.asyncIterator]();
    try {
      while (!this.closed) {
        const pending = items.next();
        // Destroying the source on close rejects a pending read; nobody waits for it any more.
        pending.catch(() => undefined);
        const item = await Promise.race([pending, this.stopped]);
        if (item === CLOSED || item.done) return;
        const event = this.accept(item.value);
        if (event) yield event;
      }
    } catch (error) {
      if (!this.closed) throw error;
    } finally {
      await this.close();
    }
  }

  /** Returns the event to deliver, or undefined for a checkpoint or an event the filter leaves out. */
  private accept(item: unknown): RecordedEvent | undefined {
    if (item instanceof CheckpointMarker) {
      this.reportCheckpoint(item.position);
      return undefined;
    }
    const resolved = item as AllStreamResolvedEvent;
    if (!resolved.event) return undefined;
    const event = toRecordedEvent(resolved.event, resolved.commitPosition);
    if (isSystemEvent(resolved.event) || !matchesFilter(event, this.options.filter)) {
      this.reportCheckpoint(event.position);
      return undefined;
    }
    this.progress = Math.max(this.progress, event.position);
    return event;
  }

  private reportCheckpoint(position: number): void {
    if (position <= this.progress) return;
    this.progress = position;
    this.options.onCheckpoint?.(position);
  }
}

