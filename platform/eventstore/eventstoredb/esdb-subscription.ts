import type { AllStreamResolvedEvent, AllStreamSubscription, Position } from '@eventstore/db-client';
import type { EventFilter, EventStore, EventSubscription, RecordedEvent } from '../port';
import { matchesFilter } from '../port';
import { isSystemEvent, toRecordedEvent } from './event-mapping';
import { toPortPosition } from './positions';
import { ProvenCheckpoints } from './proven-checkpoints';
import type { ResumePoint } from './resume-point';

/**
 * A checkpoint travelling through the subscription's own buffer. The client calls
 * checkpointReached while events before it may still sit unread in that buffer; pushing the
 * checkpoint behind them keeps the order, so it is reported only once the consumer has handled
 * every earlier event.
 */
class CheckpointMarker {
  constructor(readonly position: number) {}
}

/** The client's `caughtUp`, queued behind the events the server sent before it, for the same reason. */
const CAUGHT_UP = Symbol('caught up');

/** The part of the client's subscription this wrapper uses; a plain object-mode stream can stand in for it in tests. */
export type SubscriptionSource = Pick<AllStreamSubscription, 'push' | 'unsubscribe' | 'destroy' | 'on'> & AsyncIterable<unknown>;

export function pushCheckpoint(source: Pick<SubscriptionSource, 'push'>, position: Position): void {
  const commit = toPortPosition(position.commit);
  if (commit !== undefined) source.push(new CheckpointMarker(commit));
}

/** How the subscription starts: where it resumes, then the client's subscription from there. */
export interface SubscriptionOpening {
  /** Where to resume after the `after` position (resume-point.ts); absent when starting from the beginning. */
  readonly resume?: () => Promise<ResumePoint>;
  readonly subscribe: (from: number | undefined) => SubscriptionSource;
}

interface OpenedSource {
  readonly source: SubscriptionSource;
  /** Handled before the source's items: the record a resume found where a scavenged one was. */
  readonly first?: AllStreamResolvedEvent;
}

export interface EsdbSubscriptionOptions {
  /** The position the subscription resumes after; nothing at or below it is reported again. */
  readonly after?: number;
  readonly filter?: EventFilter;
  readonly onCheckpoint?: (position: number) => void;
  readonly onClose?: () => void;
  /** The store itself: checkpoints are checked against its head and its log (proven-checkpoints.ts). */
  readonly log: Pick<EventStore, 'headPosition' | 'readAll'>;
}

/**
 * The port's subscription over the client's. It iterates the client's stream directly: close()
 * and a failed connection end that stream, which ends a pending read, so nothing waits on each
 * item but the item itself and a subscription holds nothing of what it delivered, however long
 * it lives.
 */
export class EsdbSubscription implements EventSubscription {
  /** Highest position delivered or reported: checkpoints below it are stale and never sent back. */
  private progress: number;
  private closed = false;
  private failure: { readonly error: unknown } | undefined;
  private source: SubscriptionSource | undefined;
  private readonly checkpoints: ProvenCheckpoints;
  /** Resolves with the opened source, or with nothing when closed first or the opening failed. */
  private readonly opened: Promise<OpenedSource | undefined>;
  private settleOpened!: (opened: OpenedSource | undefined) => void;

  constructor(
    opening: SubscriptionOpening,
    private readonly options: EsdbSubscriptionOptions,
  ) {
    this.progress = options.after ?? 0;
    this.checkpoints = new ProvenCheckpoints(options.log, options.filter);
    this.opened = new Promise((resolve) => (this.settleOpened = resolve));
    void this.open(opening);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.settleOpened(undefined);
    if (this.source) await stop(this.source);
    this.options.onClose?.();
  }

  private async open({ resume, subscribe }: SubscriptionOpening): Promise<void> {
    try {
      const point = resume ? await resume() : undefined;
      if (this.closed) return;
      const source = subscribe(point?.from);
      // In the same turn as the client made it: the client emits connection errors as 'error'
      // events, possibly before anyone iterates, and without a listener they would crash the
      // process instead of failing the iteration.
      source.on('error', (error: unknown) => this.fail(error));
      source.on('caughtUp', () => source.push(CAUGHT_UP));
      this.source = source;
      this.settleOpened({ source, first: point?.found });
    } catch (error) {
      this.failure = { error };
      this.settleOpened(undefined);
    }
  }

  private fail(error: unknown): void {
    if (this.failure || this.closed) return;
    this.failure = { error };
    // Ends a pending read; the iteration then throws this error.
    this.source?.destroy();
  }

  private async *events(): AsyncGenerator<RecordedEvent> {
    try {
      const opened = await this.opened;
      this.throwIfFailed();
      if (!opened) return;
      if (opened.first) {
        const event = await this.handle(opened.first);
        if (event) yield event;
      }
      for await (const item of opened.source) {
        if (this.closed) return;
        const event = await this.handle(item);
        if (event) yield event;
      }
      this.throwIfFailed();
    } catch (error) {
      // Destroying the source on close ends a pending read with an error nobody waits for any more.
      if (!this.closed) throw this.failure?.error ?? error;
    } finally {
      await this.close();
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Returns the event to deliver, or undefined for a checkpoint or an event the filter leaves out. */
  private async handle(item: unknown): Promise<RecordedEvent | undefined> {
    if (item === CAUGHT_UP) return this.report(await this.checkpoints.caughtUp(this.progress));
    if (item instanceof CheckpointMarker) return this.report(await this.checkpoints.bounded(item.position));
    const resolved = item as AllStreamResolvedEvent;
    if (!resolved.event) return undefined;
    const event = toRecordedEvent(resolved.event, resolved.commitPosition);
    if (isSystemEvent(resolved.event)) return this.report(await this.checkpoints.bounded(event.position));
    if (!matchesFilter(event, this.options.filter)) return this.report(event.position);
    this.progress = Math.max(this.progress, event.position);
    return event;
  }

  private report(position: number): undefined {
    if (position <= this.progress) return undefined;
    this.progress = position;
    this.options.onCheckpoint?.(position);
    return undefined;
  }
}

async function stop(source: SubscriptionSource): Promise<void> {
  // A subscription whose connection already failed has nothing left to cancel.
  await source.unsubscribe().catch(() => undefined);
  source.destroy();
}
