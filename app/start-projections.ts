import { runnerProjections } from '../projections';
import { ProjectionRunner } from '../projections/runner';
import { UPCASTER_REGISTRY } from './event-upcasters';
import { runUntilSignalled } from './run-process';
import { openEventStore, openReadStore } from './stores';

/** `npm run start:projections`: the projection runner in its own process (docker-compose). */
runUntilSignalled('goliath-projections', async (config, logger) => {
  const eventStore = openEventStore(config);
  const readStore = openReadStore(config);
  const projections = runnerProjections(eventStore);
  const runner = new ProjectionRunner({ eventStore, readStore, projections, upcasters: UPCASTER_REGISTRY, logger });
  await runner.start();
  logger.info({ projections: projections.map((projection) => projection.name) }, 'projections running');
  return async () => {
    await runner.stop();
    await readStore.close();
    await eventStore.close();
  };
});
