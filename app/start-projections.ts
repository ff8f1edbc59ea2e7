import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logging';
import { ALL_PROJECTIONS } from '../projections';
import { ProjectionRunner } from '../projections/runner';
import { stopOnSignals } from './shutdown';
import { openEventStore, openReadStore } from './stores';

/** `npm run start:projections`: the projection runner in its own process (docker-compose). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('goliath-projections', config.logLevel);
  const eventStore = openEventStore(config);
  const readStore = openReadStore(config);
  const runner = new ProjectionRunner({ eventStore, readStore, projections: ALL_PROJECTIONS, logger });
  await runner.start();
  logger.info({ projections: ALL_PROJECTIONS.map((projection) => projection.name) }, 'projections running');
  stopOnSignals(async () => {
    await runner.stop();
    await readStore.close();
    await eventStore.close();
  }, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
