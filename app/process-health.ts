import type { PlatformConfig } from '../platform/config';
import type { EventStore } from '../platform/eventstore/port';
import { checkpointProjections } from '../platform/health/checkpoint-projections';
import { eventStoreProbe, healthCheck, readStoreProbe, type HealthCheck, type ProjectionsView } from '../platform/health/health-check';
import { ParkedEventLog } from '../platform/health/parked-event-log';
import type { ReadStore } from '../platform/readstore/port';
import { RUNNER_PROJECTION_NAMES } from '../projections';
import type { ProjectionRunner } from '../projections/runner';

/** What a process serves at /health and /readyz, and who may see the details. */
export interface ProcessHealth {
  readonly check: HealthCheck;
  readonly detailsNeedToken: boolean;
}

/** A process that runs the projections (embedded, the projections process) sees their state first-hand. */
export function runnerHealth(config: PlatformConfig, eventStore: EventStore, readStore: ReadStore, runner: ProjectionRunner): ProcessHealth {
  return projectionsProcessHealth(config, eventStore, readStore, () => runner.health());
}

/**
 * The projections process, one of several replicas of which runs the projections at a time: while
 * it runs them it sees them first-hand; while another replica does, it sees them through the read
 * store, as `standby` — ready when the active replica keeps them caught up, not when none does.
 */
export function standbyRunnerView(eventStore: EventStore, readStore: ReadStore, runner: ProjectionRunner, running: () => boolean): ProjectionsView {
  const throughReadStore = checkpointProjections(eventStore, readStore, parkedEventLog(readStore));
  return async () => (running() ? runner.health() : (await throughReadStore()).map((projection) => ({ ...projection, state: 'standby' })));
}

/** What a projections process serves at /health and /readyz, whichever replica runs the projections. */
export function projectionsProcessHealth(config: PlatformConfig, eventStore: EventStore, readStore: ReadStore, projections: ProjectionsView): ProcessHealth {
  return {
    check: healthCheck({ stores: [eventStoreProbe(eventStore), readStoreProbe(readStore)], projections, settings: config.health }),
    detailsNeedToken: config.production,
  };
}

/** A process that does not (a subgraph or the gateway on its own) sees them through the read store: checkpoints and dead letters. */
export function checkpointHealth(config: PlatformConfig, eventStore: EventStore, readStore: ReadStore): ProcessHealth {
  return {
    check: healthCheck({
      stores: [eventStoreProbe(eventStore), readStoreProbe(readStore)],
      projections: checkpointProjections(eventStore, readStore, parkedEventLog(readStore)),
      settings: config.health,
    }),
    detailsNeedToken: config.production,
  };
}

/** The runner's dead letters as any process reads them. */
export function parkedEventLog(readStore: ReadStore): ParkedEventLog {
  return new ParkedEventLog(readStore, RUNNER_PROJECTION_NAMES);
}
