import { matchesFilter, streamCategory, type EventFilter, type EventStore, type RecordedEvent } from '../platform/eventstore/port';
import type { UpcasterRegistry } from '../platform/eventstore/upcasting';
import { PARKED_ERROR_MAX_LENGTH, parkedEventId, parkedEventsCollection, type ParkedEventDocument } from '../platform/health/parked-event';
import type { Checkpoint, ReadStore, WriteOperation } from '../platform/readstore/port';
import { inProjectionSpan } from '../platform/tracing/projection-span';
import { DEADLETTER_CATEGORY, DEADLETTER_EVENT_TYPES, type DeadLetterEvent } from '../schema/events/deadletter-events';
import { foldVersion, type Projection } from './projection';
import { ProjectionFailedError } from './projection-failed-error';
import type { ProjectionLogger } from './projection-logger';
import { SubscriptionFeed, type FeedBatch } from './subscription-feed';
import { isTransientFailure } from './transient-failure';
import { ProjectionUnitOfWork } from './unit-of-work';

export type ProjectionState = 'idle' | 'running' | 'retrying' | 'stopped';

/** Waits between attempts after a transient failure: doubling from the first, never above the cap. */
export interface RetryPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export interface RetryStatus {
  readonly attempts: number;
  readonly since: Date;
  readonly error: Error;
  readonly nextAttemptAt: Date;
}

export interface ProjectionWorkerOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly upcasters: UpcasterRegistry;
  readonly logger: ProjectionLogger;
  readonly batchSize: number;
  readonly retry: RetryPolicy;
  /** Called after every commit and state change, so waiters can look again. */
  readonly onProgress: () => void;
}

/** An operator's retry or skip of one of this projection's parked events. */
interface OperatorRequest {
  readonly event: DeadLetterEvent;
  readonly recorded: RecordedEvent;
}

/**
 * Runs one projection: subscribe after its checkpoint, fold what has arrived (up to a batch) in one
 * unit of work, commit the writes with the new checkpoint, repeat.
 *
 * Nothing stops it for good. A failure that goes away by itself (a busy or full store, a lost
 * connection) retries the batch with backoff. Any other failure is one event's: the batch is
 * folded again one event at a time, and the event that fails alone is parked — a dead-letter
 * record written in the commit that moves the checkpoint past it — so the projection, and every
 * tenant's read-your-writes, go on. Operators retry or skip parked events with events in
 * `deadletter-<projection>`, which this worker follows in log order.
 */
export class ProjectionWorker {
  private currentState: ProjectionState = 'idle';
  private committed = 0;
  /** Whether `committed` is a stored checkpoint: a subscription without one starts at the log's first event. */
  private hasCheckpoint = false;
  private lastCommit: Date | undefined;
  private retrying: RetryStatus | undefined;
  private feed: SubscriptionFeed | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private starting: Promise<void> | undefined;
  private interruptSleep: (() => void) | undefined;
  private readonly ownCollections: ReadonlySet<string>;
  private readonly parkedCollection: string;

  constructor(
    readonly projection: Projection,
    private readonly options: ProjectionWorkerOptions,
  ) {
    this.ownCollections = new Set(projection.collections.map((collection) => collection.name));
    this.parkedCollection = parkedEventsCollection(projection.name);
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

  /** Set while failures repeat: how often, since when, the last error and when it tries again. */
  get retry(): RetryStatus | undefined {
    return this.retrying;
  }

  get error(): Error | undefined {
    return this.retrying?.error;
  }

  /** Starts from the stored checkpoint; a no-op while running or starting. */
  async start(): Promise<void> {
    if (this.currentState === 'running' || this.currentState === 'retrying') return;
    this.starting ??= this.subscribeFromCheckpoint().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** Lets the batch in hand commit (unless it is waiting to retry), then closes the subscription. */
  async stop(): Promise<void> {
    // A start in progress finishes first, so its subscription is the one closed here.
    await this.starting?.catch(() => undefined);
    this.stopping = true;
    this.interruptSleep?.();
    await this.feed?.close();
    await this.loop;
    if (this.currentState === 'running' || this.currentState === 'retrying') this.currentState = 'stopped';
    this.options.onProgress();
  }

  private async subscribeFromCheckpoint(): Promise<void> {
    const stored = await this.checkpointOfThisFold();
    this.committed = stored?.position ?? 0;
    this.hasCheckpoint = stored !== undefined;
    this.retrying = undefined;
    this.stopping = false;
    this.currentState = 'running';
    this.feed = this.openFeed();
    this.options.logger.info({ projection: this.name, checkpoint: stored?.position ?? null }, `projection ${this.name} started`);
    this.loop = this.run().catch((error: unknown) => {
      this.currentState = 'stopped';
      this.options.logger.error({ projection: this.name, checkpoint: this.committed, err: error }, `projection ${this.name} stopped unexpectedly`);
      this.options.onProgress();
    });
    this.options.onProgress();
  }

  /**
   * The stored checkpoint, unless another version of the fold committed it: then the read model
   * holds what that version wrote (old spellings, missing fields), so it is dropped with its dead
   * letters and folded again from position zero, as `ProjectionRunner.rebuild` does.
   */
  private async checkpointOfThisFold(): Promise<Checkpoint | undefined> {
    const stored = await this.options.readStore.getCheckpoint(this.name);
    const version = foldVersion(this.projection);
    if (stored === undefined || stored.version === version) return stored;
    await this.options.readStore.reset(this.name, [...this.ownCollections, this.parkedCollection]);
    this.options.logger.info(
      { projection: this.name, storedVersion: stored.version, version },
      `projection ${this.name} was built by version ${stored.version} of its fold; rebuilding it with version ${version} from position zero`,
    );
    return undefined;
  }

  private openFeed(): SubscriptionFeed {
    return new SubscriptionFeed(this.options.eventStore, {
      after: this.hasCheckpoint ? this.committed : undefined,
      filter: withOperatorRequests(this.projection.filter),
      maxQueued: this.options.batchSize * 2,
    });
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const feed = this.feed!;
      await feed.waitForWork(this.committed);
      if (this.stopping) return;
      const batch = feed.take(this.options.batchSize, this.committed);
      if (batch) {
        await this.apply(batch);
        continue;
      }
      if (!feed.exhausted) continue;
      // The subscription ended under us (a lost connection): subscribe again after the checkpoint.
      if (!(await this.backOff(feed.error ?? new Error('the event subscription ended')))) return;
      await feed.close();
      if (this.stopping) return;
      this.feed = this.openFeed();
      this.currentState = 'running';
      this.options.onProgress();
    }
  }

  /** Commits the batch however long it takes; returns early only when the worker is stopped while waiting to retry. */
  private async apply(batch: FeedBatch): Promise<void> {
    let oneByOne = false;
    for (;;) {
      try {
        if (oneByOne) await this.commitOneByOne(batch);
        else await this.commit(batch.events, batch.checkpoint);
        this.recovered();
        return;
      } catch (error) {
        if (!oneByOne && !isTransientFailure(error)) {
          // Some event of the batch fails by itself: fold them one at a time to find it.
          oneByOne = true;
          if (this.stopping) return;
          continue;
        }
        // Transient, or not even a dead-letter record could be committed: the store's trouble, not an event's.
        if (!(await this.backOff(error))) return;
      }
    }
  }

  /** Each event of the batch in a commit of its own; one that fails by itself is parked. Resumes after what is committed. */
  private async commitOneByOne(batch: FeedBatch): Promise<void> {
    for (const event of batch.events) {
      if (event.position <= this.committed) continue;
      try {
        await this.commit([event], event.position);
      } catch (error) {
        if (isTransientFailure(error)) throw error;
        await this.park(event, error);
      }
    }
    if (batch.checkpoint > this.committed) await this.commit([], batch.checkpoint);
  }

  private async commit(events: readonly RecordedEvent[], checkpoint: number): Promise<void> {
    const writes = await this.fold(events);
    await this.options.readStore.commit(this.name, writes, { position: checkpoint, version: foldVersion(this.projection) });
    this.committed = checkpoint;
    this.hasCheckpoint = true;
    this.lastCommit = new Date();
    this.options.onProgress();
  }

  private async fold(events: readonly RecordedEvent[]): Promise<WriteOperation[]> {
    const readModel = new ProjectionUnitOfWork(this.options.readStore, this.ownCollections);
    const deadLetters = new ProjectionUnitOfWork(this.options.readStore, new Set([this.parkedCollection]));
    try {
      for (const event of events) {
        const request = this.operatorRequest(event);
        if (request) await this.actOn(request, readModel, deadLetters);
        else if (matchesFilter(event, this.projection.filter)) await this.handle(this.options.upcasters.upcast(event), event, readModel);
      }
      await this.projection.flush?.();
    } catch (error) {
      // Work the handlers started before the failing event settles here, so none of it fails unobserved.
      await this.projection.flush?.().catch(() => undefined);
      throw error;
    }
    return [...(await readModel.writes()), ...(await deadLetters.writes())];
  }

  /** Folds `event` at `folding`'s position; a failure is blamed on `folding`. */
  private async handle(event: RecordedEvent, folding: RecordedEvent, readModel: ProjectionUnitOfWork): Promise<void> {
    readModel.beginEvent(folding.position);
    try {
      await inProjectionSpan(this.name, folding, () => this.projection.handle(event, readModel));
    } catch (error) {
      throw new ProjectionFailedError(this.name, folding, error);
    }
  }

  private operatorRequest(recorded: RecordedEvent): OperatorRequest | undefined {
    if (streamCategory(recorded.streamId) !== DEADLETTER_CATEGORY || !(DEADLETTER_EVENT_TYPES as readonly string[]).includes(recorded.type)) return undefined;
    const event = this.options.upcasters.upcast(recorded) as unknown as DeadLetterEvent;
    return event.data.projection === this.name ? { event, recorded } : undefined;
  }

  private async actOn({ event, recorded }: OperatorRequest, readModel: ProjectionUnitOfWork, deadLetters: ProjectionUnitOfWork): Promise<void> {
    const id = parkedEventId(this.name, event.data.position);
    const parked = await deadLetters.get<ParkedEventDocument>(this.parkedCollection, id);
    // Retried or skipped already (two operators at once), or not parked in this replay: nothing to do.
    if (!parked || parked.status !== 'parked') return;
    deadLetters.beginEvent(recorded.position);
    const resolution = { resolvedAt: recorded.metadata.occurredAt, resolvedBy: recorded.metadata.actor };
    if (event.type === 'ParkedEventSkipped') {
      deadLetters.patch(this.parkedCollection, id, { status: 'skipped', reason: event.data.reason, ...resolution });
      return;
    }
    const original = this.options.upcasters.upcast(await this.readParked(parked));
    // Folded as if it arrived with the request, which it does: the position guards of the read
    // models (and the audit chain's watermark) then take it as the new write it is.
    await this.handle({ ...original, position: recorded.position }, recorded, readModel);
    deadLetters.patch(this.parkedCollection, id, { status: 'retried', attempts: parked.attempts + 1, lastAttemptAt: resolution.resolvedAt, ...resolution });
  }

  private async readParked(parked: ParkedEventDocument): Promise<RecordedEvent> {
    const [event] = await this.options.eventStore.readStream(parked.streamId, { fromRevision: parked.revision, maxCount: 1 });
    if (!event || event.id !== parked.eventId) throw new Error(`event ${parked.eventId} is no longer in stream ${parked.streamId} at revision ${parked.revision}`);
    return event;
  }

  /** Commits the event's dead-letter record (or, for a retry that failed again, its new error) with the checkpoint past it. */
  private async park(event: RecordedEvent, error: unknown): Promise<void> {
    const deadLetters = new ProjectionUnitOfWork(this.options.readStore, new Set([this.parkedCollection]));
    deadLetters.beginEvent(event.position);
    const now = new Date().toISOString();
    const failure = describeFailure(error);
    const request = this.operatorRequest(event);
    const id = parkedEventId(this.name, request ? request.event.data.position : event.position);
    if (request) {
      const parked = await deadLetters.get<ParkedEventDocument>(this.parkedCollection, id);
      if (parked) deadLetters.patch(this.parkedCollection, id, { error: failure, attempts: parked.attempts + 1, lastAttemptAt: now });
    } else {
      const record: ParkedEventDocument = {
        id,
        projection: this.name,
        eventId: event.id,
        position: event.position,
        streamId: event.streamId,
        revision: event.revision,
        eventType: event.type,
        tenantId: event.metadata?.tenantId ?? '',
        error: failure,
        attempts: 1,
        status: 'parked',
        parkedAt: now,
        lastAttemptAt: now,
      };
      deadLetters.upsert(this.parkedCollection, record);
    }
    await this.options.readStore.commit(this.name, await deadLetters.writes(), { position: event.position, version: foldVersion(this.projection) });
    this.committed = event.position;
    this.hasCheckpoint = true;
    this.lastCommit = new Date();
    this.options.logger.error(
      { projection: this.name, parkedEventId: id, eventType: event.type, streamId: event.streamId, position: event.position, eventId: event.id, tenantId: event.metadata?.tenantId, err: causeOf(error) },
      request ? `projection ${this.name} could not fold parked event ${id} on retry, it stays parked: ${failure}` : `projection ${this.name} parked ${event.type} (stream ${event.streamId}, position ${event.position}) and goes on: ${failure}`,
    );
    this.options.onProgress();
  }

  /** Waits before the next attempt; false when the worker was stopped meanwhile. */
  private async backOff(error: unknown): Promise<boolean> {
    if (this.stopping) return false;
    const attempts = (this.retrying?.attempts ?? 0) + 1;
    const { initialDelayMs, maxDelayMs } = this.options.retry;
    // Jitter keeps projections (and processes) that failed together from retrying in lockstep.
    const delayMs = Math.round(Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempts - 1, 30) * (0.75 + Math.random() * 0.5)));
    const failure = causeOf(error);
    this.retrying = { attempts, since: this.retrying?.since ?? new Date(), error: failure instanceof Error ? failure : new Error(String(failure)), nextAttemptAt: new Date(Date.now() + delayMs) };
    this.currentState = 'retrying';
    if (attempts === 1 || attempts % 10 === 0) {
      this.options.logger.error(
        { projection: this.name, checkpoint: this.committed, attempts, delayMs, err: failure },
        `projection ${this.name} is retrying (attempt ${attempts}, next in ${delayMs} ms): ${describeFailure(error)}`,
      );
    }
    this.options.onProgress();
    await this.sleep(delayMs);
    return !this.stopping;
  }

  private recovered(): void {
    if (this.currentState !== 'retrying' && !this.retrying) return;
    if (this.retrying) this.options.logger.info({ projection: this.name, attempts: this.retrying.attempts, checkpoint: this.committed }, `projection ${this.name} recovered after ${this.retrying.attempts} failed attempts`);
    this.retrying = undefined;
    this.currentState = 'running';
    this.options.onProgress();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.interruptSleep = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.interruptSleep = wake;
    });
  }
}

/**
 * The projection's own filter widened to the operators' requests. With both categories and
 * types it lets through a little more than either (a job's request type, say), which `fold`
 * sorts out again with the projection's filter.
 */
function withOperatorRequests(filter: EventFilter | undefined): EventFilter | undefined {
  if (!filter) return undefined;
  return {
    ...(filter.categories && { categories: [...filter.categories, DEADLETTER_CATEGORY] }),
    ...(filter.eventTypes && { eventTypes: [...filter.eventTypes, ...DEADLETTER_EVENT_TYPES] }),
  };
}

function causeOf(error: unknown): unknown {
  return error instanceof ProjectionFailedError ? error.cause : error;
}

/** One line for a dead-letter record or a log: the error's kind, code and message. */
function describeFailure(error: unknown): string {
  const cause = causeOf(error);
  if (!(cause instanceof Error)) return String(cause).slice(0, PARKED_ERROR_MAX_LENGTH);
  const code = (cause as { code?: unknown }).code;
  return `${cause.name}${typeof code === 'string' || typeof code === 'number' ? ` (${code})` : ''}: ${cause.message}`.slice(0, PARKED_ERROR_MAX_LENGTH);
}
