import type { EventStore } from '../platform/eventstore/port';
import type { UpcasterRegistry } from '../platform/eventstore/upcasting';
import type { ReadStore } from '../platform/readstore/port';
import type { Projection } from './projection';
import type { ProjectionLogger } from './projection-logger';
import { ProjectionWorker, type ProjectionState } from './projection-worker';
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
  readonly error?: string;
}

const DEFAULT_BATCH_SIZE = 500;

/**
 * Runs every projection from its checkpoint, catch-up then live, each on its own subscription so
 * that one failing projection stops alone. `waitFor` gives mutations read-your-writes.
 */
export class ProjectionRunner {
  private readonly workers = new Map<string, ProjectionWorker>();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: ProjectionRunnerOptions) {
    const owners = new Map<string, string>();
    for (const projection of options.projections) {
      if (this.workers.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
      for (const { name } of projection.collections) {
        // A rebuild resets a projection's collections, so no collection may belong to two projections.
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
          onProgress: () => this.notifyWaiters(),
        }),
      );
    }
  }

  /** Defines every collection, then starts every projection that is not running (a failed one restarts from its checkpoint). */
  async start(): Promise<void> {
    await this.options.readStore.defineCollections(this.options.projections.flatMap((projection) => projection.collections));
    await Promise.all([...this.workers.values()].map((worker) => worker.start()));
  }

  /** Each projection commits the batch in hand, then its subscription closes. */
  async stop(): Promise<void> {
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
  }

  /**
   * Drops the projection's read model and checkpoint and replays the log from position zero.
   * Resolves once it has caught up with the head as of the call; queries see a partial read model
   * until then.
   */
  async rebuild(projectionName: string): Promise<void> {
    const worker = this.worker(projectionName);
    const head = await this.options.eventStore.headPosition();
    await worker.stop();
    const collections = worker.projection.collections;
    await this.options.readStore.defineCollections(collections);
    await this.options.readStore.reset(projectionName, collections.map((collection) => collection.name));
    this.options.logger.info({ projection: projectionName, headPosition: head }, `projection ${projectionName} rebuilding from position zero`);
    await worker.start();
    await this.whenSettled(() => {
      if (worker.checkpoint >= head) return 'done';
      if (worker.state === 'failed') throw worker.error ?? new Error(`Projection ${projectionName} failed during rebuild`);
      return 'pending';
    });
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
      ...(worker.error && { error: worker.error.message }),
    }));
  }

  /**
   * Resolves when every projection (or each one named in `only`) has committed up to `position`. Rejects with
   * ProjectionsLaggingError naming the laggards after `timeoutMs`, or at once when a lagging
   * projection has failed (it cannot catch up before a restart).
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
        if (lagging.some((projection) => projection.state === 'failed')) throw new ProjectionsLaggingError(position, timeoutMs, lagging, 'failed');
        if (timedOut) throw new ProjectionsLaggingError(position, timeoutMs, lagging, 'timeout');
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
