import { UPCASTER_REGISTRY } from '../../app/event-upcasters';
import type { EventStore } from '../../platform/eventstore/port';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import { createLogger } from '../../platform/logging';
import type { ReadStore } from '../../platform/readstore/port';
import { createSqliteReadStore } from '../../platform/readstore/sqlite';
import { ALL_PROJECTIONS } from '../../projections';
import { ProjectionRunner } from '../../projections/runner';

export interface ProjectedStores {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  /** Resolves once every read model has folded the log up to `position` (what a mutation waits for). */
  waitForReadModels(position: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The embedded stores on one SQLite file with every read model kept up to date by the projection
 * runner: what a subgraph's code reads and writes in production, without starting any server.
 */
export async function projectedStores(file: string): Promise<ProjectedStores> {
  const eventStore = createSqliteEventStore({ file, synchronous: 'NORMAL', pollIntervalMs: 10 });
  const readStore = createSqliteReadStore({ file });
  const runner = new ProjectionRunner({ eventStore, readStore, projections: ALL_PROJECTIONS, upcasters: UPCASTER_REGISTRY, logger: createLogger('projected-stores', 'silent') });
  await runner.start();
  return {
    eventStore,
    readStore,
    waitForReadModels: (position) => runner.waitFor(position, 10_000),
    async close() {
      await runner.stop();
      await readStore.close();
      await eventStore.close();
    },
  };
}
