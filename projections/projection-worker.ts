import type { EventStore, RecordedEvent } from '../platform/eventstore/port';
import type { UpcasterRegistry } from '../platform/eventstore/upcasting';
import type { ReadStore, WriteOperation } from '../platform/readstore/port';
import type { Projection } from './projection';
import { ProjectionFailedError } from './projection-failed-error';
import type { ProjectionLogger } from './projection-logger';
import { SubscriptionFeed, type FeedBatch } from './subscription-feed';
import { ProjectionUnitOfWork } from './unit-of-work';

export type ProjectionState = 'idle' | 'running' | 'stopped' | 'failed';

export interface ProjectionWorkerOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly upcasters: UpcasterRegistry;
  readonly logger: ProjectionLogger;
  readonly batchSize: number;
  /** Called after every commit and state change, so waiters can look again. */
  readonly onProgress: () => void;
}

/**
 * Runs one projection: subscribe after its checkpoint, fold what has arrived (up to a batch) in one
 * unit of work, commit the writes with the new checkpoint, repeat. A handler error stops this
 * projection only, without committing the batch, so a restart resumes at the failed event.
 */
export class ProjectionWorker {
  private currentState: ProjectionState = 'idle';
  private committed = 0;
  private lastCommit: Date | undefined;
  private failure: Error | undefined;
  private feed: SubscriptionFeed | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private starting: Promise<void> | undefined;
  private readonly ownCollections: ReadonlySet<string>;

  constructor(
    readonly projection: Projection,
    private readonly options: ProjectionWorkerOptions,
  ) {
    this.ownCollections = new Set(projection.collections.map((collection) => collection.name));
  }

  get name(): string {
    return this.projection.name;
  }

  get state(): ProjectionState {
    return this.currentState;
  }

  /** The last committed position (0 before the first commit). */
  get checkpoint(): number {
    return this.committed;
  }

  get lastCommitAt(): Date | undefined {
    return this.lastCommit;
  }

  get error(): Error | undefined {
    return this.failure;
  }

  /** Starts from the stored checkpoint; a no-op while running or starting. */
  async start(): Promise<void> {
    if (this.currentState === 'running') return;
    this.starting ??= this.subscribeFromCheckpoint().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** Lets the batch in hand commit, then closes the subscription. */
  async stop(): Promise<void> {
    // A start in progress finishes first, so its subscription is the one closed here.
    await this.starting?.catch(() => undefined);
    this.stopping = true;
    await this.feed?.close();
    await this.loop;
    if (this.currentState === 'running') this.currentState = 'stopped';
    this.options.onProgress();
  }

  private async subscribeFromCheckpoint(): Promise<void> {
    const stored = await this.options.readStore.getCheckpoint(this.name);
    this.committed = stored ?? 0;
    this.failure = undefined;
    this.stopping = false;
    this.currentState = 'running';
    const feed = new SubscriptionFeed(this.options.eventStore, {
      after: stored,
      filter: this.projection.filter,
      maxQueued: this.options.batchSize * 2,
    });
    this.feed = feed;
    this.options.logger.info({ projection: this.name, checkpoint: stored ?? null }, `projection ${this.name} started`);
    this.loop = this.run(feed);
    this.options.onProgress();
  }

  private async run(feed: SubscriptionFeed): Promise<void> {
    while (!this.stopping) {
      await feed.waitForWork(this.committed);
      if (this.stopping) return;
      const batch = feed.take(this.options.batchSize, this.committed);
      if (!batch) {
        if (feed.exhausted) return this.fail(feed.error ?? new Error('the event subscription ended'), 'subscription ended');
        continue;
      }
      let writes: WriteOperation[];
      try {
        writes = await this.fold(batch);
      } catch (error) {
        return this.fail(error, 'handler failed');
      }
      try {
        await this.options.readStore.commit(this.name, writes, batch.checkpoint);
      } catch (error) {
        return this.fail(error, 'commit failed');
      }
      this.committed = batch.checkpoint;
      this.lastCommit = new Date();
      this.options.onProgress();
    }
  }

  private async fold(batch: FeedBatch): Promise<WriteOperation[]> {
    const unitOfWork = new ProjectionUnitOfWork(this.options.readStore, this.ownCollections);
    for (const event of batch.events) {
      unitOfWork.beginEvent(event.position);
      try {
        await this.projection.handle(this.options.upcasters.upcast(event), unitOfWork);
      } catch (error) {
        throw new ProjectionFailedError(this.name, event, error);
      }
    }
    await this.projection.flush?.();
    return unitOfWork.writes();
  }

  private async fail(error: unknown, reason: string): Promise<void> {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.currentState = 'failed';
    const event = error instanceof ProjectionFailedError ? eventDetails(error) : {};
    const cause = error instanceof ProjectionFailedError ? error.cause : error;
    this.options.logger.error(
      { projection: this.name, checkpoint: this.committed, ...event, err: cause },
      `projection ${this.name} stopped (${reason}): ${this.failure.message}`,
    );
    this.options.onProgress();
    await this.feed?.close();
  }
}

function eventDetails(error: ProjectionFailedError): Pick<RecordedEvent, 'streamId' | 'position'> & { eventType: string; eventId: string } {
  return { eventType: error.eventType, streamId: error.streamId, position: error.position, eventId: error.eventId };
}
