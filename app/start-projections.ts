import { startHealthServer } from '../platform/health/health-server';
import { runnerProjections } from '../projections';
import { ProjectionRunner } from '../projections/runner';
import { UPCASTER_REGISTRY } from './event-upcasters';
import { projectionsProcessHealth, standbyRunnerView } from './process-health';
import { runWhileHolding, type ExclusiveRole } from '../platform/coordination/exclusive-role';
import { openLocks } from './coordination';
import { projectionViews } from '../platform/metrics/metrics';
import { reportReady } from './parent-channel';
import { runUntilSignalled } from './run-process';
import { openEventStore, openReadStore } from './stores';
import { createTokenVerifier } from './token-verifier';

/** `npm run start:projections`: the projection runner in its own process (docker-compose), with its health on HEALTH_PORT. */
runUntilSignalled('goliath-projections', async (config, logger) => {
  const eventStore = openEventStore(config);
  const readStore = openReadStore(config);
  const projections = runnerProjections(eventStore);
  const runner = new ProjectionRunner({ eventStore, readStore, projections, upcasters: UPCASTER_REGISTRY, logger, retry: { maxDelayMs: config.health.projectionRetryMaxDelayMs } });
  const locks = openLocks(config);
  let role: ExclusiveRole | undefined;
  const projectionsView = standbyRunnerView(eventStore, readStore, runner, () => role?.holding() ?? false);
  const health = projectionsProcessHealth(config, eventStore, readStore, projectionsView);
  // Only production hides details behind a platform-admin's token, so only production verifies tokens here.
  const tokens = config.production ? await createTokenVerifier(config, eventStore, logger) : undefined;
  // Listening first: /livez answers and /readyz says why not while the runner catches up.
  const server = await startHealthServer(config.host, config.health.port, { ...health, verifyToken: tokens?.verifyToken, identity: { process: 'projections' } }, config.metrics);
  const unobserveProjections = projectionViews.add(projectionsView);
  // One replica runs the projections at a time (one lock for the whole runner); the others stand by and take over when it dies.
  role = await runWhileHolding(locks, 'projections', async () => {
    await runner.start();
    logger.info({ projections: projections.map((projection) => projection.name), health: server.url }, 'projections running');
    return () => runner.stop();
  }, logger);
  reportReady(server.url);
  return async () => {
    unobserveProjections();
    await server.stop();
    await role.stop();
    await locks.close();
    await tokens?.stop();
    await readStore.close();
    await eventStore.close();
  };
});
