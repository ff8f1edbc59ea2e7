import type { EventStore } from '../eventstore/port';
import type { ReadStore } from '../readstore/port';
import type { ProjectionsView } from './health-check';
import type { ParkedEventLog } from './parked-event-log';

/**
 * The projections as a process that does not run them sees them (a subgraph or the gateway in its
 * own process): the checkpoints the runner commits and its dead letters, against the log's head.
 * A projection that is retrying shows here only as one falling behind.
 */
export function checkpointProjections(eventStore: Pick<EventStore, 'headPosition'>, readStore: Pick<ReadStore, 'getCheckpoint'>, parkedEvents: ParkedEventLog): ProjectionsView {
  return async () => {
    const names = parkedEvents.projections;
    const [headPosition, checkpoints, parked] = await Promise.all([
      eventStore.headPosition(),
      Promise.all(names.map((name) => readStore.getCheckpoint(name))),
      parkedEvents.countParked(),
    ]);
    return names.map((projection, index) => {
      const checkpoint = checkpoints[index]?.position ?? 0;
      return { projection, observed: false, state: 'unknown', checkpoint, headPosition, lag: Math.max(0, headPosition - checkpoint), parked: parked.get(projection) ?? 0 };
    });
  };
}
