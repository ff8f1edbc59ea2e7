import type { EventStore } from '../platform/eventstore/port';
import type { UpcasterRegistry } from '../platform/eventstore/upcasting';
import type { ProjectionHealth } from '../platform/health/health-report';
import { parkedEventsCollectionSpec } from '../platform/health/parked-event';
import { ParkedEventLog } from '../platform/health/parked-event-log';
import type { CollectionSpec, ReadStore } from '../platform/readstore/port';
import type { Projection } from './projection';
import type { ProjectionLogger } from './projection-logger';
import { ProjectionWorker, type ProjectionState, type RetryPolicy } from './projection-worker';
import { ProjectionsLaggingError, type LaggingProjection } from './projections-lagging-error';

export interface ProjectionRunnerOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly projections: readonly Projection[];
  /** Every projection sees events at their latest schema version, whatever version they were stored at. */
  readonly upcasters: UpcasterRegistry;
  readonly logger: ProjectionLogger;
  /** Most events folded into one commit (default 500): big enough to catch up fast, small enough to commit often. */
  readonly batchSize?: number;
  /** Backoff after a transient failure (busy or full store, lost connection); 100 ms doubling up to 30 s by default. */
  readonly retry?: Partial<RetryPolicy>;
}

export interface ProjectionLag {
  readonly projection: string;
  readonly state: ProjectionState;
  readonly checkpoint: number;
  readonly headPosition: number;
  /** Head position minus checkpoint: events behind on SQLite, log positions behind on EventStoreDB. */
  readonly lag: number;
  readonly lastCommitAt?: string;
  readonly msSinceLastCommit?: number;
  /** The last error while it is retrying. */
  readonly error?: string;
  readonly retry?: { readonly attempts: number; readonly since: string; readonly nextAttemptAt: string };
}

const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 100, maxDelayMs: 30_000 };

/**
 * Runs every projection from its checkpoint, catch-up then live, each on its own subscription so
 * that one projection retrying a busy store waits alone. An event a projection cannot fold is
 * parked in the projection's dead-letter collection and the projection goes on. `waitFor` gives
 * mutations read-your-writes; `health` tells how each projection is doing.
 */
export class ProjectionRunner {
  private readonly workers = new Map<string, ProjectionWorker>();
  private readonly waiters = new Set<() => void>();
  readonly parkedEvents: ParkedEventLog;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const owners = new Map<string, string>();
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    for (const projection of options.projections) {
      if (this.workers.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
      for (const { name } of collectionsOf(projection)) {
        // A rebuild resets a projection's collections (its dead letters included), so no collection may belong to two projections.
        const owner = owners.get(name);
        if (owner) throw new Error(`Collection ${name} belongs to both ${owner} and ${projection.name}`);
        owners.set(name, projection.name);
      }
      this.workers.set(
        projection.name,
        new ProjectionWorker(projection, {
          eventStore: options.eventStore,
          readStore: options.readStore,
          upcasters: options.upcasters,
          logger: options.logger,
          batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
          retry,
          onProgress: () => this.notifyWaiters(),
        }),
      );
    }
    this.parkedEvents = new ParkedEventLog(options.readStore, options.projections.map((projection) => projection.name));
  }

  /** Defines every collection (dead letters included), then starts every projection that is not running. */
  async start(): Promise<void> {
    await this.options.readStore.defineCollections(this.options.projections.flatMap(collectionsOf));
    await Promise.all([...this.workers.values()].map((worker) => worker.start()));
  }

  /** Each projection commits the batch in hand, then its subscription closes. */
  async stop(): Promise<void> {
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
  }

  /**
   * Drops the projection's read model, dead letters and checkpoint and replays the log from position zero.
   * Resolves once it has caught up with the head as of the call; queries see a partial read model
   * until then.
   */
  async rebuild(projectionName: string): Promise<void> {
    const worker = this.worker(projectionName);
    const head = await this.options.eventStore.headPosition();
    await worker.stop();
    const collections = collectionsOf(worker.projection);
    await this.options.readStore.defineCollections(collections);
    await this.options.readStore.reset(projectionName, collections.map((collection) => collection.name));
    this.options.logger.info({ projection: projectionName, headPosition: head }, `projection ${projectionName} rebuilding from position zero`);
    await worker.start();
    await this.whenSettled(() => (worker.checkpoint >= head ? 'done' : 'pending'));
    this.options.logger.info({ projection: projectionName, checkpoint: worker.checkpoint }, `projection ${projectionName} rebuilt`);
  }

  async lag(): Promise<ProjectionLag[]> {
    const headPosition = await this.options.eventStore.headPosition();
    const now = Date.now();
    return [...this.workers.values()].map((worker) => ({
      projection: worker.name,
      state: worker.state,
      checkpoint: worker.checkpoint,
      headPosition,
      lag: Math.max(0, headPosition - worker.checkpoint),
      ...(worker.lastCommitAt && { lastCommitAt: worker.lastCommitAt.toISOString(), msSinceLastCommit: now - worker.lastCommitAt.getTime() }),
      ...(worker.retry && {
        error: worker.retry.error.message,
        retry: { attempts: worker.retry.attempts, since: worker.retry.since.toISOString(), nextAttemptAt: worker.retry.nextAttemptAt.toISOString() },
      }),
    }));
  }

  /** Each projection as health reports it: its state and lag, and how many of its events are parked. */
  async health(): Promise<ProjectionHealth[]> {
    const [lag, parked] = await Promise.all([this.lag(), this.parkedEvents.countParked()]);
    return lag.map((entry) => ({ ...entry, observed: true, parked: parked.get(entry.projection) ?? 0 }));
  }

  /**
   * Resolves when every projection (or each one named in `only`) has committed up to `position`. Rejects with
   * ProjectionsLaggingError naming the laggards after `timeoutMs`. A parked event never holds it
   * up (the checkpoint moves past it); a projection retrying a busy store may recover in time.
   */
  async waitFor(position: number, timeoutMs: number, only?: readonly string[]): Promise<void> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.notifyWaiters();
    }, timeoutMs);
    try {
      await this.whenSettled(() => {
        const lagging = this.laggingAt(position, only);
        if (lagging.length === 0) return 'done';
        if (timedOut) throw new ProjectionsLaggingError(position, timeoutMs, lagging);
        return 'pending';
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private laggingAt(position: number, only: readonly string[] | undefined): LaggingProjection[] {
    return [...this.workers.values()]
      .filter((worker) => worker.checkpoint < position && (only === undefined || only.includes(worker.name)))
      .map((worker) => ({ projection: worker.name, checkpoint: worker.checkpoint, state: worker.state, ...(worker.error && { error: worker.error.message }) }));
  }

  /** Re-evaluates `check` after every commit or state change until it is done or throws. */
  private whenSettled(check: () => 'done' | 'pending'): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const evaluate = (): void => {
        try {
          if (check() === 'pending') return;
          this.waiters.delete(evaluate);
          resolve();
        } catch (error) {
          this.waiters.delete(evaluate);
          reject(error);
        }
      };
      this.waiters.add(evaluate);
      evaluate();
    });
  }

  private notifyWaiters(): void {
    for (const evaluate of [...this.waiters]) evaluate();
  }

  private worker(projectionName: string): ProjectionWorker {
    const worker = this.workers.get(projectionName);
    if (!worker) throw new Error(`No projection named ${projectionName} (known: ${[...this.workers.keys()].join(', ')})`);
    return worker;
  }
}

/** A projection's read-model collections and its dead letters: what it owns and a rebuild resets. */
function collectionsOf(projection: Projection): CollectionSpec[] {
  return [...projection.collections, parkedEventsCollectionSpec(projection.name)];
}
